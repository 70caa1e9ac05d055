/// One axis of a chart: its label, scale, range and tick labels.
package struct Axis: Sendable, Equatable {
  /// How values map to positions along the axis.
  package enum Scale: Sendable, Equatable {
    case linear
    /// Equal distances for equal ratios; non-positive values are not drawn.
    case logarithmic(base: Double)
  }

  /// How tick labels are written.
  package enum TickFormat: Sendable, Equatable {
    /// Decimals as the tick step needs (linear) or powers (logarithmic).
    case automatic
    /// Fractions as percentages: 0.9 is written `90%`.
    case percent
  }

  package var label: String
  package var scale: Scale
  /// A fixed range; `nil` fits the data with nice bounds.
  package var domain: ClosedRange<Double>?
  /// Fixed tick positions (e.g. the candidate splits); `nil` for nice ones.
  package var ticks: [Double]?
  package var format: TickFormat
  /// Whether a data-fitted linear range must include zero.
  package var includesZero: Bool

  /// Creates an axis.
  package init(
    label: String, scale: Scale = .linear, domain: ClosedRange<Double>? = nil,
    ticks: [Double]? = nil, format: TickFormat = .automatic,
    includesZero: Bool = false
  ) {
    self.label = label
    self.scale = scale
    self.domain = domain
    self.ticks = ticks
    self.format = format
    self.includesZero = includesZero
  }
}
