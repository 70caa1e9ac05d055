/// Drawing a ``HeatMap`` as SVG.
extension HeatMap {
  static let labelLimit = 40
  static let missingColor = "#d9d9d9"

  /// Cell size and fonts, chosen from the number of rows.
  struct Geometry: Equatable {
    var cellWidth: Double
    var cellHeight: Double
    var rowFont: Double
    var grid: PlotArea
    var width: Double
    var height: Double
    var labelsBelow: Bool
  }

  /// Places the grid, labels and legend.
  func layout() -> Geometry {
    let rows = Double(rowLabels.count)
    let cellHeight = rows <= 24 ? 22.0 : rows <= 60 ? 16 : 12
    let rowFont = cellHeight >= 16 ? 11.0 : 10
    let widestColumn =
      columnLabels.map {
        SVGWriter.textWidth($0, fontSize: 11)
      }.max() ?? 0
    let cellWidth = max(40, widestColumn + 10)
    let widestRow =
      rowLabels.map {
        SVGWriter.textWidth(Self.short($0), fontSize: rowFont)
      }.max() ?? 0
    let left = 16 + 13 + 12 + widestRow + 8
    let top = 46 + 20 + 18.0
    let labelsBelow = rowLabels.count > 30
    let grid = PlotArea(
      left: left, top: top, width: cellWidth * Double(columnLabels.count),
      height: cellHeight * rows)
    let legendHeight =
      Self.legendBarHeight(grid: grid) + 30
      + 20 * Double(legendSwatches.count)
    let height =
      max(grid.bottom + (labelsBelow ? 40 : 16), top + legendHeight + 16)
    return Geometry(
      cellWidth: cellWidth, cellHeight: cellHeight, rowFont: rowFont,
      grid: grid, width: grid.right + legendWidth, height: height,
      labelsBelow: labelsBelow)
  }

  /// The heat map as a standalone SVG document.
  package func render() -> String {
    let g = layout()
    var svg = SVGWriter(width: g.width, height: g.height)
    drawGradient(&svg)
    svg.title(title)
    svg.text(
      columnTitle, x: g.grid.left + g.grid.width / 2, y: g.grid.top - 26,
      size: SVGWriter.axisTitleFont, anchor: "middle")
    svg.text(
      rowTitle, x: 22, y: g.grid.top + g.grid.height / 2,
      size: SVGWriter.axisTitleFont, anchor: "middle", rotate: -90)
    drawColumnLabels(&svg, geometry: g, y: g.grid.top - 7)
    if g.labelsBelow {
      drawColumnLabels(&svg, geometry: g, y: g.grid.bottom + 16)
    }
    drawCells(&svg, geometry: g)
    drawLegend(&svg, geometry: g)
    return svg.document(title: title)
  }

  private var legendWidth: Double {
    func widest(_ labels: [String]) -> Double {
      labels.map { SVGWriter.textWidth($0, fontSize: 11) }.max() ?? 0
    }
    let marks = colorScale.marks.map(\.label)
    let scale =
      widest(legendAxis.labels)
      + (marks.isEmpty ? 0 : 8 + widest(marks))
    let swatches = widest(legendSwatches.map(\.label)) + 6
    let title = widest([colorScale.axis.label]) - 24
    return 24 + 16 + 8 + max(scale, swatches, title, 40) + 16
  }

  private var legendAxis: ResolvedAxis {
    var axis = colorScale.axis
    axis.domain = colorScale.domain
    return ResolvedAxis(axis, values: [])
  }

  private static func legendBarHeight(grid: PlotArea) -> Double {
    min(max(grid.height, 160), 260)
  }

  private var legendSwatches: [(kind: Int, label: String)] {
    var swatches: [(Int, String)] = []
    if values.contains(where: { $0.contains(nil) }) {
      swatches.append((0, missingLabel))
    }
    if !marked.isEmpty { swatches.append((1, markLabel)) }
    if outlinedColumn != nil { swatches.append((2, outlineLabel)) }
    return swatches
  }

  private func drawGradient(_ svg: inout SVGWriter) {
    svg.open("defs")
    svg.open(
      "linearGradient",
      [("id", "scale"), ("x1", "0"), ("y1", "1"), ("x2", "0"), ("y2", "0")])
    for stop in colorScale.stops {
      svg.element(
        "stop",
        [
          ("offset", NumberText.coordinate(stop.position)),
          ("stop-color", stop.color),
        ])
    }
    svg.close("linearGradient")
    svg.close("defs")
  }

  private func drawColumnLabels(
    _ svg: inout SVGWriter, geometry g: Geometry, y: Double
  ) {
    for (column, label) in columnLabels.enumerated() {
      svg.text(
        label, x: g.grid.left + g.cellWidth * (Double(column) + 0.5), y: y,
        size: 11, anchor: "middle",
        weight: column == outlinedColumn ? "bold" : nil)
    }
  }

  private func drawCells(_ svg: inout SVGWriter, geometry g: Geometry) {
    let markedSet = Set(marked.map { $0.row * columnLabels.count + $0.column })
    for (row, label) in rowLabels.enumerated() {
      let y = g.grid.top + g.cellHeight * Double(row)
      svg.text(
        Self.short(label), x: g.grid.left - 8, y: y + g.cellHeight / 2 + 3.5,
        size: g.rowFont, anchor: "end")
      for column in columnLabels.indices {
        let x = g.grid.left + g.cellWidth * Double(column)
        let value = values[row][column]
        let tip =
          "\(label) at \(columnLabels[column]): "
          + (value.map { NumberText.short($0) } ?? missingLabel)
        svg.rect(
          x: x, y: y, width: g.cellWidth, height: g.cellHeight,
          fill: value.map { colorScale.color(for: $0) } ?? Self.missingColor,
          stroke: "#ffffff", strokeWidth: 0.5, tooltip: tip)
        if markedSet.contains(row * columnLabels.count + column) {
          svg.element(
            "circle",
            [
              ("cx", NumberText.coordinate(x + g.cellWidth / 2)),
              ("cy", NumberText.coordinate(y + g.cellHeight / 2)),
              ("r", NumberText.coordinate(g.cellHeight * 0.24)),
              ("fill", "#ffffff"), ("stroke", "#222222"),
              ("stroke-width", "1.2"),
            ])
        }
      }
    }
    if let column = outlinedColumn {
      svg.element(
        "rect",
        [
          (
            "x",
            NumberText.coordinate(
              g.grid.left + g.cellWidth
                * Double(column))
          ),
          ("y", NumberText.coordinate(g.grid.top)),
          ("width", NumberText.coordinate(g.cellWidth)),
          ("height", NumberText.coordinate(g.grid.height)), ("fill", "none"),
          ("stroke", "#222222"), ("stroke-width", "2"),
          ("stroke-dasharray", "6 3"),
        ])
    }
  }

  private func drawLegend(_ svg: inout SVGWriter, geometry g: Geometry) {
    let x = g.grid.right + 24
    let top = g.grid.top
    let height = Self.legendBarHeight(grid: g.grid)
    let bar = PlotArea(left: x, top: top, width: 16, height: height)
    svg.rect(
      x: bar.left, y: bar.top, width: bar.width, height: bar.height,
      fill: "url(#scale)", stroke: SVGWriter.axisColor)
    let axis = legendAxis
    for (tick, label) in zip(axis.ticks, axis.labels) {
      let y = bar.y(colorScale.fraction(tick))
      svg.line(
        x1: bar.right, y1: y, x2: bar.right + 4, y2: y,
        stroke: SVGWriter.axisColor)
      svg.text(label, x: bar.right + 7, y: y + 4, size: 11)
    }
    let markX =
      bar.right + 15
      + (axis.labels.map {
        SVGWriter.textWidth($0, fontSize: 11)
      }.max() ?? 0)
    for mark in colorScale.marks {
      let y = bar.y(colorScale.fraction(mark.value))
      svg.line(
        x1: bar.left - 3, y1: y, x2: bar.right + 3, y2: y, stroke: "#000000",
        width: 2)
      svg.text(mark.label, x: markX, y: y + 4, size: 11, weight: "bold")
    }
    svg.text(colorScale.axis.label, x: x, y: top - 10, size: 11)
    var y = bar.bottom + 30
    for swatch in legendSwatches {
      switch swatch.kind {
      case 0:
        svg.rect(
          x: x, y: y - 10, width: 16, height: 12,
          fill: Self.missingColor)
      case 1:
        svg.rect(x: x, y: y - 10, width: 16, height: 12, fill: "#9ecae1")
        svg.element(
          "circle",
          [
            ("cx", NumberText.coordinate(x + 8)),
            ("cy", NumberText.coordinate(y - 4)), ("r", "3"),
            ("fill", "#ffffff"), ("stroke", "#222222"),
            ("stroke-width", "1.2"),
          ])
      default:
        svg.element(
          "rect",
          [
            ("x", NumberText.coordinate(x)),
            ("y", NumberText.coordinate(y - 10)), ("width", "16"),
            ("height", "12"), ("fill", "none"), ("stroke", "#222222"),
            ("stroke-width", "2"), ("stroke-dasharray", "6 3"),
          ])
      }
      svg.text(swatch.label, x: x + 22, y: y, size: 11)
      y += 20
    }
  }

  private static func short(_ label: String) -> String {
    label.count <= labelLimit
      ? label
      : String(label.prefix(labelLimit - 1))
        + "…"
  }
}
