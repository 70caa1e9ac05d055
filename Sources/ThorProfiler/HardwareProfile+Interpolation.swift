import ThorFormats

extension HardwareProfile {
  /// The modelled time in microseconds to invert one `d x d` matrix, from
  /// the profile's medians.
  ///
  /// - `d ≤ 0`: 0 (an empty remainder block costs nothing, so the cost
  ///   `⌊d/s⌋·t(s) + t(d mod s)` needs no special case).
  /// - Below the first profiled dimension: the first median (a call's fixed
  ///   overhead dominates small inversions).
  /// - Between profiled dimensions: linear interpolation of the medians.
  /// - Beyond the last profiled dimension `n`: the last median scaled by
  ///   `(d/n)³`, the growth of the `n³` operations of an inverse.
  package func time(forDimension d: Int) -> Double {
    guard d > 0, !results.isEmpty else { return 0 }
    return Self.interpolate(
      results.map { ($0.dim, $0.medianMicroseconds) }, at: d, growth: 3)
  }
}
