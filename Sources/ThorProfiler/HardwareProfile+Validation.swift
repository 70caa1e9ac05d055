import ThorLinalg

extension HardwareProfile {
  /// Checks the values of a decoded profile (see ``load(from:)``).
  /// - Throws: ``ProfileError/invalidValue(file:field:reason:)``.
  func validate(file: String) throws(ProfileError) {
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
    for (k, result) in results.enumerated() {
      try result.validate(
        field: "results[\(k)]", previousDim: k > 0 ? results[k - 1].dim : nil,
        fail)
    }
  }
}

extension HardwareProfile.Result {
  /// Checks one result; `previousDim` is the dimension before it.
  fileprivate func validate(
    field: String, previousDim: Int?,
    _ fail: (String, String) -> ProfileError
  ) throws(ProfileError) {
    guard dim > 0 else {
      throw fail("\(field).dim", "must be positive (is \(dim))")
    }
    if let previousDim, dim <= previousDim {
      throw fail(
        "\(field).dim",
        "must be greater than the previous dimension (\(dim) after "
          + "\(previousDim)); dimensions must strictly increase")
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
