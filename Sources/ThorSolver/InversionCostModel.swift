import ThorFormats
import ThorProfiler

/// Modelled inversion cost from a hardware profile (README definitions,
/// per-layer split): `⌊d/s⌋·t(s) + t(d mod s)`, with `t` from
/// ``HardwareProfile/time(forDimension:)`` (medians, interpolated between
/// profiled dimensions, `n³` growth beyond the last).
package struct InversionCostModel: Sendable, Equatable {
  /// The profile the times come from (validated by its loader).
  package let profile: HardwareProfile

  /// - Throws: ``SolverError/emptyProfile`` when the profile has no
  ///   results.
  package init(profile: HardwareProfile) throws(SolverError) {
    guard !profile.results.isEmpty else { throw .emptyProfile }
    self.profile = profile
  }

  /// `t(n)`, µs, to invert one `n x n` matrix (0 for `n = 0`).
  package func time(forDimension n: Int) -> Double {
    profile.time(forDimension: n)
  }

  /// `⌊d/s⌋·t(s) + t(d mod s)`, µs; `t(d)` when `s ≥ d` (no split).
  package func cost(dimension d: Int, split s: Int) -> Double {
    precondition(s >= 1, "split must be at least 1")
    guard s < d else { return time(forDimension: d) }
    return Double(d / s) * time(forDimension: s)
      + time(forDimension: d % s)
  }
}
