import Foundation

/// Heckbert's "nice numbers" for axis ticks (Graphics Gems, 1990).
enum NiceNumbers {
  /// Tick positions covering a range: the nice bounds and the step.
  struct Ticks: Equatable {
    var lower: Double
    var upper: Double
    var step: Double
    var values: [Double]
  }

  /// A number near `x` of the form 1, 2 or 5 (rounding) or 1, 2, 5, 10
  /// (ceiling) times a power of ten.
  static func nice(_ x: Double, round: Bool) -> Double {
    precondition(x > 0 && x.isFinite, "nice numbers need a positive range")
    let exponent = floor(log10(x))
    let fraction = x / pow(10, exponent)
    let niceFraction: Double
    if round {
      niceFraction =
        fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
    } else {
      niceFraction =
        fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    }
    return niceFraction * pow(10, exponent)
  }

  /// About `count` ticks with a nice step, widened to nice bounds that
  /// contain `lower...upper`. A degenerate range is widened first.
  static func ticks(lower: Double, upper: Double, count: Int = 6) -> Ticks {
    var lower = lower
    var upper = upper
    if lower > upper { swap(&lower, &upper) }
    if upper - lower <= abs(upper) * 1e-12 {
      let pad = lower == 0 ? 1 : abs(lower) * 0.1
      lower -= pad
      upper += pad
    }
    let range = nice(upper - lower, round: false)
    let step = nice(range / Double(max(count - 1, 1)), round: true)
    // Guard against rounding (0.30000000000000004 / 0.1) with a tolerance.
    let first = floor(lower / step + 1e-9)
    let last = ceil(upper / step - 1e-9)
    let values = stride(from: first, through: last, by: 1).map { k in
      let value = k * step
      return abs(value) < step * 1e-9 ? 0 : value
    }
    return Ticks(
      lower: first * step, upper: last * step, step: step, values: values)
  }

  /// Ticks at integer powers of `base` covering `lower...upper` (both
  /// positive), thinned to at most `maximum` by skipping exponents.
  static func logTicks(
    lower: Double, upper: Double, base: Double, maximum: Int = 12
  ) -> Ticks {
    precondition(lower > 0 && upper >= lower, "log ticks need positive values")
    var low = floor(log(lower) / log(base) + 1e-9)
    var high = ceil(log(upper) / log(base) - 1e-9)
    if low == high {
      low -= 1
      high += 1
    }
    let span = Int(high - low)
    let skip = max(1, Int((Double(span) / Double(maximum - 1)).rounded(.up)))
    low = floor(low / Double(skip)) * Double(skip)
    high = ceil(high / Double(skip)) * Double(skip)
    let values = stride(from: low, through: high, by: Double(skip)).map {
      pow(base, $0)
    }
    return Ticks(
      lower: pow(base, low), upper: pow(base, high), step: Double(skip),
      values: values)
  }
}
