import Foundation
import ThorFormats

extension HardwareProfile {
  /// The modelled time in microseconds to apply one `s x s` block of a
  /// split factor to its part of a gradient whose other dimension is
  /// `other`, from the profile's product medians; `nil` when the profile
  /// has none for `side` (version 1).
  ///
  /// - `s ≤ 0`: 0 (an empty remainder block).
  /// - In `s`, for each profiled `other`: the first median below the first
  ///   profiled block size (call overhead dominates), linear interpolation
  ///   between block sizes, and the last median scaled by `(s/n)²` beyond
  ///   the last size `n` (a block's product grows as `s²·other`).
  /// - In `other`: the smallest profiled `other`'s time below it, linear
  ///   interpolation between profiled values, and proportional growth
  ///   beyond the largest.
  package func productTime(side: ProductSide, block s: Int, other: Int)
    -> Double?
  {
    guard let products else { return nil }
    let rows = products.filter { $0.factor == side }
    guard !rows.isEmpty else { return nil }
    guard s > 0 else { return 0 }
    let others = Array(Set(rows.map(\.other))).sorted()
    func time(at o: Int) -> Double {
      Self.interpolate(
        rows.filter { $0.other == o }.map { ($0.dim, $0.medianMicroseconds) },
        at: s, growth: 2)
    }
    let m = Swift.max(other, 1)
    if m <= others[0] { return time(at: others[0]) }
    if m >= others.last! {
      return time(at: others.last!) * Double(m) / Double(others.last!)
    }
    let upper = others.firstIndex { $0 >= m }!
    let hi = others[upper]
    let lo = others[upper - 1]
    if hi == m { return time(at: hi) }
    let fraction = Double(m - lo) / Double(hi - lo)
    let low = time(at: lo)
    return low + fraction * (time(at: hi) - low)
  }

  /// `points` (size, time; sizes distinct) evaluated at `x`: the first time
  /// below the first size, the time itself at a size, linear between
  /// sizes, the last time times `(x/last)^growth` beyond the last.
  static func interpolate(
    _ points: [(size: Int, time: Double)], at x: Int, growth: Double
  ) -> Double {
    let sorted = points.sorted { $0.size < $1.size }
    let first = sorted[0]
    let last = sorted[sorted.count - 1]
    if x <= first.size { return first.time }
    if x >= last.size {
      return last.time * pow(Double(x) / Double(last.size), growth)
    }
    let upper = sorted.firstIndex { $0.size >= x }!
    let hi = sorted[upper]
    let lo = sorted[upper - 1]
    // Exactly the measured time at a measured size (`lo + 1·(hi − lo)`
    // can round away from `hi`).
    if hi.size == x { return hi.time }
    let fraction = Double(x - lo.size) / Double(hi.size - lo.size)
    return lo.time + fraction * (hi.time - lo.time)
  }
}
