import Foundation

extension HardwareProfile {
  /// The largest dimension a profile may hold: a matrix of it in float32
  /// takes 4 TiB, more than any machine holds.
  package static let largestDim = 1 << 20

  /// Checks the values of a decoded profile (see ``load(from:)``) and sorts
  /// its results by `dim` (files from other tools may list them in any
  /// order).
  /// - Throws: ``ProfileError/invalidValue(file:field:reason:)``.
  mutating func validate(file: String) throws(ProfileError) {
    func fail(_ field: String, _ reason: String) -> ProfileError {
      .invalidValue(file: file, field: field, reason: reason)
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
    try validateProducts(fail)
  }

  /// Checks ``products``: none in version 1; in version 2 each `(factor,
  /// dim, other)` once, sizes as for results, times as for results. Sorts
  /// them by factor, `other` and `dim`.
  private mutating func validateProducts(
    _ fail: (String, String) -> ProfileError
  ) throws(ProfileError) {
    guard let products else { return }
    guard version >= 2 else {
      throw fail("products", "needs version 2 (the file says version 1)")
    }
    var seen: [String: Int] = [:]
    for (k, product) in products.enumerated() {
      let field = "products[\(k)]"
      for (name, size) in [("dim", product.dim), ("other", product.other)] {
        guard size > 0, size <= Self.largestDim else {
          throw fail(
            "\(field).\(name)",
            "is \(size); it must be between 1 and \(Self.largestDim)")
        }
      }
      try Self.validateTimes(
        field: field, min: product.minMicroseconds,
        median: product.medianMicroseconds, p90: product.p90Microseconds,
        fail)
      guard product.repeats >= 0 else {
        throw fail("\(field).repeats", "must not be negative")
      }
      let key = "\(product.factor.rawValue) \(product.dim) \(product.other)"
      if let first = seen.updateValue(k, forKey: key) {
        throw fail(
          field,
          "repeats products[\(first)] (factor \(product.factor.rawValue), "
            + "dim \(product.dim), other \(product.other)); each must "
            + "appear once")
      }
    }
    self.products = products.sorted {
      ($0.factor.rawValue, $0.other, $0.dim)
        < ($1.factor.rawValue, $1.other, $1.dim)
    }
  }

  /// Times positive and finite with `min ≤ median ≤ p90`.
  static func validateTimes(
    field: String, min: Double, median: Double, p90: Double,
    _ fail: (String, String) -> ProfileError
  ) throws(ProfileError) {
    let times = [("min_us", min), ("median_us", median), ("p90_us", p90)]
    for (name, value) in times where !(value.isFinite && value > 0) {
      throw fail(
        "\(field).\(name)", "must be positive and finite (is \(value))")
    }
    guard min <= median, median <= p90 else {
      throw fail(field, "must satisfy min_us <= median_us <= p90_us")
    }
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
    try HardwareProfile.validateTimes(
      field: field, min: minMicroseconds, median: medianMicroseconds,
      p90: p90Microseconds, fail)
    guard repeats >= 0 else {
      throw fail("\(field).repeats", "must not be negative (is \(repeats))")
    }
    guard gflops.isFinite && gflops >= 0 else {
      throw fail("\(field).gflops", "must be finite and non-negative")
    }
  }
}
