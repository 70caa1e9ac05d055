import Foundation
import ThorProfiler

/// Modelled inversion time from a hardware profile (DESIGN, per-layer
/// split): `t(n)` per `n x n` inversion and the cost of a split factor,
/// `⌊d/s⌋·t(s) + t(d mod s)`.
///
/// Between profiled dimensions `t` is interpolated linearly in log-log
/// space (a local power law, as inversion times are); above the largest it
/// grows as `n³` (the cost of dense inversion); below the smallest it is
/// the smallest's time (small inversions are latency bound); `t(0) = 0`.
public struct InversionCostModel: Sendable, Equatable {
  /// Profiled dimensions, ascending.
  public let dims: [Int]
  /// Median time per dimension, µs.
  public let microseconds: [Double]

  /// Reads the medians of `profile`.
  /// - Throws: ``SolverError`` for an empty profile or a non-positive,
  ///   repeated dimension or non-positive time.
  public init(profile: HardwareProfile) throws(SolverError) {
    let results = profile.results.sorted { $0.dim < $1.dim }
    guard !results.isEmpty else { throw .emptyProfile }
    for (i, r) in results.enumerated() {
      guard r.dim > 0, r.medianMicroseconds > 0,
        r.medianMicroseconds.isFinite,
        i == 0 || results[i - 1].dim < r.dim
      else {
        throw .invalidProfileEntry(
          dim: r.dim, microseconds: r.medianMicroseconds)
      }
    }
    dims = results.map(\.dim)
    microseconds = results.map(\.medianMicroseconds)
  }

  /// `t(n)`, µs, to invert one `n x n` matrix.
  public func time(forDimension n: Int) -> Double {
    guard n > 0 else { return 0 }
    guard n > dims[0] else { return microseconds[0] }
    guard let upper = dims.firstIndex(where: { $0 >= n }) else {
      let ratio = Double(n) / Double(dims[dims.count - 1])
      return microseconds[dims.count - 1] * ratio * ratio * ratio
    }
    if dims[upper] == n { return microseconds[upper] }
    let lower = upper - 1
    let exponent = log(microseconds[upper] / microseconds[lower])
      / log(Double(dims[upper]) / Double(dims[lower]))
    return microseconds[lower]
      * pow(Double(n) / Double(dims[lower]), exponent)
  }

  /// `⌊d/s⌋·t(s) + t(d mod s)`, µs; `t(d)` when `s ≥ d` (no split).
  public func cost(dimension d: Int, split s: Int) -> Double {
    precondition(s >= 1, "split must be at least 1")
    guard s < d else { return time(forDimension: d) }
    return Double(d / s) * time(forDimension: s)
      + time(forDimension: d % s)
  }
}
