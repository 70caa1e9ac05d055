/// A horizontal bar chart: one row per category, one bar per series in
/// each row (grouped), a text label at each bar's end.
package struct BarChart: Sendable {
  /// One row of bars.
  package struct Category: Sendable {
    package var label: String
    /// One value per series.
    package var values: [Double]
    /// Text after each bar (for example the value and a speed-up).
    package var notes: [String]

    package init(label: String, values: [Double], notes: [String]) {
      precondition(values.count == notes.count, "one note per value")
      self.label = label
      self.values = values
      self.notes = notes
    }
  }

  package var title: String
  package var valueAxis: Axis
  package var seriesNames: [String]
  package var categories: [Category]
  package var width: Double

  /// Creates a chart; ``render()`` draws it. With one series there is no
  /// legend and each category gets its own colour.
  package init(
    title: String, valueAxis: Axis, seriesNames: [String],
    categories: [Category], width: Double = 760
  ) {
    precondition(
      categories.allSatisfy { $0.values.count == seriesNames.count },
      "one value per series")
    self.title = title
    self.valueAxis = valueAxis
    self.seriesNames = seriesNames
    self.categories = categories
    self.width = width
  }
}

extension BarChart {
  static let barHeight = 22.0
  static let categoryGap = 16.0

  private var legendLayout: SVGWriter.LegendLayout {
    SVGWriter.legendLayout(labels: seriesNames, maxWidth: 0)
  }

  /// Places the axis, bars and legend. The value axis reaches far enough
  /// for every bar's note to fit inside the plot after the bar.
  func layout() -> (area: PlotArea, axis: ResolvedAxis, height: Double) {
    let widestLabel =
      categories.map {
        SVGWriter.textWidth($0.label, fontSize: 12)
      }.max() ?? 0
    let legend =
      seriesNames.count > 1 ? legendLayout.width + 16 : 0
    let band = Self.barHeight * Double(seriesNames.count) + Self.categoryGap
    let left = 16 + widestLabel + 12
    let top = 46.0
    let plotHeight = max(
      band * Double(categories.count),
      seriesNames.count > 1 ? legendLayout.height : 0)
    let plotWidth = max(width - left - 24 - legend, 160)
    // A bar of value v ends at v/U of the width; its note needs the rest.
    var reach: [Double] = []
    for category in categories {
      for (value, note) in zip(category.values, category.notes) {
        let room = plotWidth - 8 - SVGWriter.textWidth(note, fontSize: 11)
        reach.append(value * plotWidth / max(room, plotWidth * 0.2))
      }
    }
    var axisSpec = valueAxis
    axisSpec.includesZero = true
    let axis = ResolvedAxis(
      axisSpec, values: categories.flatMap(\.values) + reach)
    let area = PlotArea(
      left: left, top: top, width: plotWidth, height: plotHeight)
    return (area, axis, top + plotHeight + 60)
  }

  /// The chart as a standalone SVG document.
  package func render() -> String {
    let (area, axis, height) = layout()
    let legendX = area.right + 16
    var svg = SVGWriter(width: width, height: height)
    svg.title(title)
    svg.horizontalAxis(axis, title: valueAxis.label, area: area)
    let band = Self.barHeight * Double(seriesNames.count) + Self.categoryGap
    let zero = area.x(axis.fraction(0) ?? 0)
    for (row, category) in categories.enumerated() {
      let bandTop = area.top + band * Double(row) + Self.categoryGap / 2
      svg.text(
        category.label, x: area.left - 10,
        y: bandTop + Self.barHeight * Double(seriesNames.count) / 2 + 4,
        size: 12, anchor: "end")
      for (index, value) in category.values.enumerated() {
        let style = SeriesStyle(
          index: seriesNames.count > 1 ? index : row)
        let y = bandTop + Self.barHeight * Double(index)
        let end = area.x(axis.fraction(value) ?? 0)
        svg.rect(
          x: min(zero, end), y: y + 2, width: abs(end - zero),
          height: Self.barHeight - 4, fill: style.color,
          tooltip: "\(category.label): \(NumberText.short(value))")
        svg.text(
          category.notes[index], x: max(zero, end) + 6,
          y: y + Self.barHeight / 2 + 4, size: 11)
      }
    }
    svg.frame(area)
    if seriesNames.count > 1 {
      svg.legend(
        seriesNames.enumerated().map {
          .init(
            label: $1, style: SeriesStyle(index: $0), marker: false,
            line: false)
        }, layout: legendLayout, x: legendX, y: area.top)
    }
    return svg.document(title: title)
  }
}
