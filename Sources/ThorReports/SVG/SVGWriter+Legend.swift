/// Chart legends: framed boxes of entries, flowed into rows that fit a
/// width (one entry per row when placed beside a plot).
extension SVGWriter {
  static let legendFont = 12.0
  static let legendRow = 18.0
  static let legendLabelLimit = 48

  /// A legend entry: a series' name and look.
  struct LegendEntry {
    var label: String
    var style: SeriesStyle
    var marker: Bool
    var line: Bool
  }

  /// Where each entry goes, relative to the legend's top-left corner.
  struct LegendLayout {
    var origins: [(x: Double, y: Double)]
    var width: Double
    var height: Double
  }

  /// Flows entries into rows no wider than `maxWidth` (at least one entry
  /// per row).
  static func legendLayout(labels: [String], maxWidth: Double)
    -> LegendLayout
  {
    var origins: [(x: Double, y: Double)] = []
    var x = 0.0
    var row = 0.0
    var widest = 0.0
    for label in labels {
      let entry =
        10 + 28 + 6
        + textWidth(
          legendText(label),
          fontSize: legendFont) + 4
      if x > 0, x + entry > maxWidth {
        x = 0
        row += 1
      }
      origins.append((x, 6 + legendRow * row))
      x += entry
      widest = max(widest, x)
    }
    let rows = labels.isEmpty ? 0 : row + 1
    return LegendLayout(
      origins: origins, width: widest + 6, height: rows * legendRow + 12)
  }

  /// Draws a framed legend with its top-left corner at (`x`, `y`).
  mutating func legend(
    _ entries: [LegendEntry], layout: LegendLayout, x: Double, y: Double
  ) {
    guard !entries.isEmpty else { return }
    rect(
      x: x, y: y, width: layout.width, height: layout.height,
      fill: "#ffffff", stroke: "#cccccc")
    for (entry, origin) in zip(entries, layout.origins) {
      let rowY = y + origin.y + Self.legendRow / 2
      let sampleX = x + origin.x + 10
      if entry.line {
        line(
          x1: sampleX, y1: rowY, x2: sampleX + 28, y2: rowY,
          stroke: entry.style.color, width: 2, dash: entry.style.dash)
      } else {
        rect(
          x: sampleX + 4, y: rowY - 6, width: 20, height: 12,
          fill: entry.style.color)
      }
      if entry.marker {
        marker(
          entry.style.marker, x: sampleX + 14, y: rowY,
          color: entry.style.color)
      }
      text(
        Self.legendText(entry.label), x: sampleX + 34, y: rowY + 4,
        size: Self.legendFont)
    }
  }

  private static func legendText(_ label: String) -> String {
    label.count <= legendLabelLimit
      ? label
      : String(label.prefix(legendLabelLimit - 1)) + "…"
  }
}
