/// Order statistics of timed runs.
package struct TimingSummary: Equatable, Sendable {
  /// The median (the mean of the middle two for an even count).
  package let median: Double
  /// The fastest run.
  package let min: Double
  /// The 90th percentile, interpolated linearly between order statistics
  /// (NumPy's default `percentile`).
  package let p90: Double

  /// Summarizes `samples` (at least one).
  package init(samples: [Double]) {
    precondition(!samples.isEmpty, "no samples to summarize")
    let sorted = samples.sorted()
    median = Self.percentile(50, of: sorted)
    min = sorted[0]
    p90 = Self.percentile(90, of: sorted)
  }

  /// The `p`-th percentile of ascending `sorted`, interpolating between
  /// the order statistics at positions `p/100 · (count − 1)`.
  static func percentile(_ p: Double, of sorted: [Double]) -> Double {
    let position = p / 100 * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = Swift.min(lower + 1, sorted.count - 1)
    let fraction = position - Double(lower)
    return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
  }
}
