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
  public func time(forDimension d: Int) -> Double {
    guard d > 0, let first = results.first, let last = results.last else {
      return 0
    }
    if d <= first.dim { return first.medianMicroseconds }
    if d >= last.dim {
      let ratio = Double(d) / Double(last.dim)
      return last.medianMicroseconds * ratio * ratio * ratio
    }
    let upper = results.firstIndex { $0.dim >= d }!
    let hi = results[upper], lo = results[upper - 1]
    let fraction = Double(d - lo.dim) / Double(hi.dim - lo.dim)
    return lo.medianMicroseconds
      + fraction * (hi.medianMicroseconds - lo.medianMicroseconds)
  }
}
