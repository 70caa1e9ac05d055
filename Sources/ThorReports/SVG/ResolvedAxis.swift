import Foundation

/// An ``Axis`` fitted to data: bounds, ticks and their labels.
struct ResolvedAxis {
  let scale: Axis.Scale
  let lower: Double
  let upper: Double
  let ticks: [Double]
  let labels: [String]

  /// Fits `axis` to `values`; values a log scale cannot show are ignored.
  init(_ axis: Axis, values: [Double]) {
    scale = axis.scale
    var data = values.filter(\.isFinite)
    switch axis.scale {
    case .linear:
      if axis.includesZero { data.append(0) }
      if let explicit = axis.ticks { data += explicit }
      let nice = NiceNumbers.ticks(
        lower: axis.domain?.lowerBound ?? data.min() ?? 0,
        upper: axis.domain?.upperBound ?? data.max() ?? 1)
      let low = axis.domain?.lowerBound ?? nice.lower
      let high = axis.domain?.upperBound ?? nice.upper
      lower = low
      upper = high
      let chosen = axis.ticks ?? nice.values
      ticks = chosen.filter { $0 >= low - 1e-12 && $0 <= high + 1e-12 }
      labels = ticks.map {
        Self.linearLabel($0, step: nice.step, format: axis.format)
      }
    case .logarithmic(let base):
      data = data.filter { $0 > 0 }
      if let explicit = axis.ticks { data += explicit.filter { $0 > 0 } }
      let nice = NiceNumbers.logTicks(
        lower: axis.domain?.lowerBound ?? data.min() ?? 1,
        upper: axis.domain?.upperBound ?? data.max() ?? base, base: base)
      let low = axis.domain?.lowerBound ?? nice.lower
      let high = axis.domain?.upperBound ?? nice.upper
      lower = low
      upper = high
      let chosen = axis.ticks ?? nice.values
      ticks = chosen.filter {
        $0 >= low * (1 - 1e-12) && $0 <= high * (1 + 1e-12)
      }
      labels = ticks.map { Self.logLabel($0, format: axis.format) }
    }
  }

  /// Where `value` falls between the bounds, 0 at `lower` and 1 at
  /// `upper`; `nil` for a value the scale cannot show.
  func fraction(_ value: Double) -> Double? {
    guard value.isFinite else { return nil }
    switch scale {
    case .linear:
      return (value - lower) / (upper - lower)
    case .logarithmic:
      guard value > 0 else { return nil }
      return (log(value) - log(lower)) / (log(upper) - log(lower))
    }
  }

  private static func linearLabel(
    _ value: Double, step: Double, format: Axis.TickFormat
  ) -> String {
    switch format {
    case .automatic:
      return NumberText.unsignedZero(value, decimals: decimals(for: step))
    case .percent:
      return NumberText.unsignedZero(
        value * 100, decimals: decimals(for: step * 100)) + "%"
    }
  }

  private static func logLabel(_ value: Double, format: Axis.TickFormat)
    -> String
  {
    switch format {
    case .automatic: return NumberText.short(value)
    case .percent: return NumberText.short(value * 100) + "%"
    }
  }

  private static func decimals(for step: Double) -> Int {
    max(0, Int(-floor(log10(step) + 1e-9)))
  }
}
