import Foundation

/// Maps values to colours through colour stops, for heat maps.
///
/// Two stops at the same position make a sharp break, for example at a
/// loss tolerance, so values on either side read apart at a glance.
package struct ColorScale: Sendable, Equatable {
  /// A colour at a position in 0...1 along the scale.
  package struct Stop: Sendable, Equatable {
    package var position: Double
    /// `#rrggbb`.
    package var color: String

    package init(_ position: Double, _ color: String) {
      self.position = position
      self.color = color
    }
  }

  /// A labelled value marked on the legend bar (for example a tolerance).
  package struct Mark: Sendable, Equatable {
    package var value: Double
    package var label: String

    package init(_ value: Double, label: String) {
      self.value = value
      self.label = label
    }
  }

  package var axis: Axis
  /// The values at the two ends; values beyond are clamped.
  package var domain: ClosedRange<Double>
  package var stops: [Stop]
  package var marks: [Mark]

  /// Creates a scale; `stops` must be sorted by position, from 0 to 1.
  package init(
    axis: Axis, domain: ClosedRange<Double>, stops: [Stop],
    marks: [Mark] = []
  ) {
    precondition(stops.count >= 2, "a colour scale needs two stops")
    self.axis = axis
    self.domain = domain
    self.stops = stops
    self.marks = marks
  }

  /// Where `value` falls along the scale, clamped to 0...1.
  func fraction(_ value: Double) -> Double {
    Self.fraction(value, scale: axis.scale, domain: domain)
  }

  /// Where `value` falls along `domain` under `scale`, clamped to 0...1.
  static func fraction(
    _ value: Double, scale: Axis.Scale, domain: ClosedRange<Double>
  ) -> Double {
    let f: Double
    switch scale {
    case .linear:
      f = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
    case .logarithmic:
      guard value > 0 else { return 0 }
      f =
        log(value / domain.lowerBound)
        / log(domain.upperBound / domain.lowerBound)
    }
    return f.isFinite ? min(max(f, 0), 1) : 0
  }

  /// The colour of `value`, `#rrggbb`.
  package func color(for value: Double) -> String {
    let f = fraction(value)
    // The last stop at or before f, and the first after it.
    guard let upperIndex = stops.firstIndex(where: { $0.position > f })
    else { return stops[stops.count - 1].color }
    guard upperIndex > 0 else { return stops[0].color }
    let a = stops[upperIndex - 1]
    let b = stops[upperIndex]
    let t = (f - a.position) / (b.position - a.position)
    return Self.mix(a.color, b.color, t)
  }

  static func mix(_ a: String, _ b: String, _ t: Double) -> String {
    let ca = components(a)
    let cb = components(b)
    let mixed = zip(ca, cb).map { x, y in
      Int((Double(x) + (Double(y) - Double(x)) * t).rounded())
    }
    return "#" + mixed.map(NumberText.hexByte).joined()
  }

  private static func components(_ hex: String) -> [Int] {
    let digits = Array(hex.dropFirst())
    precondition(digits.count == 6, "colours are #rrggbb")
    return stride(from: 0, to: 6, by: 2).map {
      Int(String(digits[$0..<$0 + 2]), radix: 16) ?? 0
    }
  }
}
