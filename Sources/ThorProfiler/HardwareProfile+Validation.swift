import ThorLinalg

extension HardwareProfile {
  /// The largest dimension a profile may hold: a matrix of it in float32
  /// takes 4 TiB, more than any machine holds.
  public static let largestDim = 1 << 20

  /// Checks the values of a decoded profile (see ``load(from:)``) and sorts
  /// its results by `dim` (files from other tools may list them in any
  /// order).
  /// - Throws: ``ProfileError/invalidValue(file:field:reason:)``.
  mutating func validate(file: String) throws(ProfileError) {
    func fail(_ field: String, _ reason: String) -> ProfileError {
      .invalidValue(file: file, field: field, reason: reason)
    }
    let methods = InversionMethod.allCases.map(\.rawValue)
    guard methods.contains(method) else {
      throw fail("method", "is '\(method)', expected one of "
        + methods.joined(separator: ", "))
    }
    let dtypes = Precision.allCases.map(\.rawValue)
    guard dtypes.contains(dtype) else {
      throw fail("dtype", "is '\(dtype)', expected one of "
        + dtypes.joined(separator: ", "))
    }
    guard machine.cores > 0 else {
      throw fail("machine.cores", "must be positive")
    }
    guard machine.threads > 0 else {
      throw fail("machine.threads", "must be positive")
    }
    guard !results.isEmpty else {
      throw fail("results", "must hold at least one dimension")
    }
    var firstIndex: [Int: Int] = [:]
    for (k, result) in results.enumerated() {
      try result.validate(field: "results[\(k)]", fail)
      if let first = firstIndex.updateValue(k, forKey: result.dim) {
        throw fail(
          "results[\(k)].dim",
          "is \(result.dim), which results[\(first)] already holds; each "
            + "dimension must appear once")
      }
    }
    results.sort { $0.dim < $1.dim }
  }
}

extension HardwareProfile.Result {
  /// Checks one result.
  fileprivate func validate(
    field: String, _ fail: (String, String) -> ProfileError
  ) throws(ProfileError) {
    guard dim > 0 else {
      throw fail("\(field).dim", "must be positive (is \(dim))")
    }
    let largest = HardwareProfile.largestDim
    guard dim <= largest else {
      throw fail(
        "\(field).dim",
        "is \(dim), above \(largest): a matrix that size would not fit in "
          + "any machine's memory")
    }
    let times = [
      ("min_us", minMicroseconds), ("median_us", medianMicroseconds),
      ("p90_us", p90Microseconds),
    ]
    for (name, value) in times where !(value.isFinite && value > 0) {
      throw fail(
        "\(field).\(name)", "must be positive and finite (is \(value))")
    }
    guard minMicroseconds <= medianMicroseconds,
      medianMicroseconds <= p90Microseconds
    else {
      throw fail(field, "must satisfy min_us <= median_us <= p90_us")
    }
    guard repeats >= 0 else {
      throw fail("\(field).repeats", "must not be negative (is \(repeats))")
    }
    guard gflops.isFinite && gflops >= 0 else {
      throw fail("\(field).gflops", "must be finite and non-negative")
    }
  }
}
