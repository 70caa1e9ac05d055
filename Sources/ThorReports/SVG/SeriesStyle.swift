/// Colour, marker shape and dash pattern of the `index`-th series.
///
/// Ten colours (Tableau 10) combine with five marker shapes so that the
/// first fifty series differ in colour or shape; beyond that, in dashes.
struct SeriesStyle: Equatable {
  enum Marker: CaseIterable { case circle, square, triangle, diamond, cross }

  static let palette = [
    "#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1",
    "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#7f7f7f",
  ]
  static let dashes: [String?] = [nil, "6 3", "2 2"]

  let color: String
  let marker: Marker
  let dash: String?

  init(index: Int) {
    let colors = Self.palette.count
    let shapes = Marker.allCases.count
    color = Self.palette[index % colors]
    marker = Marker.allCases[(index + index / colors) % shapes]
    dash = Self.dashes[(index / (colors * shapes)) % Self.dashes.count]
  }
}

extension SVGWriter {
  /// Draws a series marker centred on (`x`, `y`).
  mutating func marker(
    _ shape: SeriesStyle.Marker, x: Double, y: Double, color: String,
    size: Double = 4, tooltip: String? = nil
  ) {
    let s = size
    func n(_ v: Double) -> String { NumberText.coordinate(v) }
    let paint: [Attribute] = [
      ("fill", color), ("stroke", "#ffffff"), ("stroke-width", "1"),
    ]
    switch shape {
    case .circle:
      element(
        "circle", [("cx", n(x)), ("cy", n(y)), ("r", n(s))] + paint,
        tooltip: tooltip)
    case .square:
      let side = s * 1.7
      element(
        "rect",
        [
          ("x", n(x - side / 2)), ("y", n(y - side / 2)),
          ("width", n(side)), ("height", n(side)),
        ] + paint, tooltip: tooltip)
    case .triangle:
      let h = s * 1.2
      let d =
        "M\(n(x)) \(n(y - h))L\(n(x + h)) \(n(y + h * 0.8))"
        + "L\(n(x - h)) \(n(y + h * 0.8))Z"
      element("path", [("d", d)] + paint, tooltip: tooltip)
    case .diamond:
      let h = s * 1.3
      let d =
        "M\(n(x)) \(n(y - h))L\(n(x + h)) \(n(y))"
        + "L\(n(x)) \(n(y + h))L\(n(x - h)) \(n(y))Z"
      element("path", [("d", d)] + paint, tooltip: tooltip)
    case .cross:
      let h = s
      let d =
        "M\(n(x - h)) \(n(y - h))L\(n(x + h)) \(n(y + h))"
        + "M\(n(x - h)) \(n(y + h))L\(n(x + h)) \(n(y - h))"
      element(
        "path",
        [
          ("d", d), ("fill", "none"), ("stroke", color),
          ("stroke-width", "2"),
        ], tooltip: tooltip)
    }
  }
}
