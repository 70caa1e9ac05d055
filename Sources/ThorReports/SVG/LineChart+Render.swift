/// Drawing a ``LineChart`` as SVG.
extension LineChart {
  /// Points per series up to which markers are drawn by default.
  static let automaticMarkerLimit = 40

  /// The chart as a standalone SVG document.
  package func render() -> String {
    let geometry = layout()
    let area = geometry.area
    let x = geometry.x
    let y = geometry.y
    var svg = SVGWriter(width: geometry.width, height: geometry.height)
    svg.open("defs")
    svg.open("clipPath", [("id", "plot-area")])
    svg.rect(
      x: area.left, y: area.top, width: area.width, height: area.height,
      fill: "#ffffff")
    svg.close("clipPath")
    svg.close("defs")
    svg.horizontalAxis(x, title: xAxis.label, area: area)
    svg.verticalAxis(y, title: yAxis.label, area: area, titleX: 20)
    drawReferenceLines(&svg, geometry: geometry)
    for (index, series) in series.enumerated() {
      drawSeries(
        series, style: SeriesStyle(index: index), into: &svg,
        geometry: geometry)
    }
    drawAnnotations(&svg, geometry: geometry)
    svg.frame(area)
    svg.legend(
      series.enumerated().map { index, series in
        .init(
          label: series.name, style: SeriesStyle(index: index),
          marker: showsMarkers(series), line: true)
      }, layout: geometry.legend, x: geometry.legendOrigin.x,
      y: geometry.legendOrigin.y)
    svg.title(title)
    return svg.document(title: title)
  }

  /// Resolved axes, the plot rectangle and the legend's place.
  struct Geometry {
    var width: Double
    var height: Double
    var area: PlotArea
    var x: ResolvedAxis
    var y: ResolvedAxis
    var legend: SVGWriter.LegendLayout
    var legendOrigin: (x: Double, y: Double)

    /// The pixel position of a data point, `nil` if an axis cannot show it.
    func position(_ point: ChartPoint) -> (x: Double, y: Double)? {
      guard let fx = x.fraction(point.x), let fy = y.fraction(point.y)
      else { return nil }
      return (area.x(fx), area.y(fy))
    }
  }

  /// Series up to which the legend goes below the plot rather than beside.
  static let legendBelowLimit = 8

  /// Fits the axes to the data and places the plot, legend and titles.
  func layout() -> Geometry {
    let points = series.flatMap(\.points)
    let verticals = referenceLines.filter { $0.orientation == .vertical }
    let horizontals = referenceLines.filter { $0.orientation == .horizontal }
    let x = ResolvedAxis(
      xAxis,
      values: points.map(\.x) + verticals.map(\.value)
        + annotations.map(\.point.x))
    let y = ResolvedAxis(
      yAxis,
      values: points.map(\.y) + horizontals.map(\.value)
        + annotations.map(\.point.y))
    let left = SVGWriter.verticalAxisWidth(labels: y.labels) + 8
    let top = 46.0
    let bottom = 60.0
    let names = series.map(\.name)
    if series.count <= Self.legendBelowLimit {
      let plotWidth = max(width - left - 24 - horizontalLabelWidth, 120)
      let legend = SVGWriter.legendLayout(labels: names, maxWidth: plotWidth)
      let legendSpace = series.isEmpty ? 0 : legend.height + 8
      let area = PlotArea(
        left: left, top: top, width: plotWidth,
        height: max(height - top - bottom - legendSpace, 120))
      return Geometry(
        width: width, height: area.bottom + bottom + legendSpace, area: area,
        x: x, y: y, legend: legend,
        legendOrigin: (area.left, area.bottom + bottom - 4))
    }
    let legend = SVGWriter.legendLayout(labels: names, maxWidth: 0)
    let totalHeight = max(height, top + legend.height + bottom)
    let area = PlotArea(
      left: left, top: top,
      width: max(width - left - legend.width - 28 - horizontalLabelWidth, 120),
      height: totalHeight - top - bottom)
    return Geometry(
      width: area.right + horizontalLabelWidth + legend.width + 28,
      height: totalHeight, area: area, x: x, y: y, legend: legend,
      legendOrigin: (area.right + horizontalLabelWidth + 16, area.top))
  }

  func showsMarkers(_ series: Series) -> Bool {
    series.markers ?? (series.points.count <= Self.automaticMarkerLimit)
  }

  private func drawSeries(
    _ series: Series, style: SeriesStyle, into svg: inout SVGWriter,
    geometry: Geometry
  ) {
    // Points an axis cannot show break the line into segments.
    var segments: [[(x: Double, y: Double)]] = [[]]
    for point in series.points {
      if let p = geometry.position(point) {
        segments[segments.count - 1].append(p)
      } else if !segments[segments.count - 1].isEmpty {
        segments.append([])
      }
    }
    svg.open("g", [("clip-path", "url(#plot-area)")])
    for segment in segments where segment.count > 1 {
      let coordinates = segment.map {
        "\(NumberText.coordinate($0.x)),\(NumberText.coordinate($0.y))"
      }.joined(separator: " ")
      var attributes: [SVGWriter.Attribute] = [
        ("points", coordinates), ("fill", "none"), ("stroke", style.color),
        ("stroke-width", "2"), ("stroke-linejoin", "round"),
      ]
      if let dash = style.dash {
        attributes.append(("stroke-dasharray", dash))
      }
      svg.element("polyline", attributes)
    }
    svg.close("g")
    guard showsMarkers(series) else { return }
    let area = geometry.area
    for point in series.points {
      guard let p = geometry.position(point),
        p.x >= area.left - 0.5, p.x <= area.right + 0.5,
        p.y >= area.top - 0.5, p.y <= area.bottom + 0.5
      else { continue }
      svg.marker(
        style.marker, x: p.x, y: p.y, color: style.color,
        tooltip: "\(series.name): (\(NumberText.short(point.x)), "
          + "\(NumberText.short(point.y)))")
    }
  }

  private func drawReferenceLines(
    _ svg: inout SVGWriter, geometry: Geometry
  ) {
    let area = geometry.area
    var verticalIndex = 0
    for line in referenceLines {
      switch line.orientation {
      case .vertical:
        guard let f = geometry.x.fraction(line.value) else { continue }
        let x = area.x(f)
        svg.line(
          x1: x, y1: area.top, x2: x, y2: area.bottom, stroke: line.color,
          width: 1.5, dash: "5 4")
        let labelWidth = SVGWriter.textWidth(line.label, fontSize: 11)
        let fitsRight = x + 4 + labelWidth <= area.right
        svg.haloText(
          line.label, x: fitsRight ? x + 4 : x - 4,
          y: area.top + 14 + 15 * Double(verticalIndex),
          anchor: fitsRight ? "start" : "end", fill: line.color)
        verticalIndex += 1
      case .horizontal:
        guard let f = geometry.y.fraction(line.value) else { continue }
        let y = area.y(f)
        svg.line(
          x1: area.left, y1: y, x2: area.right, y2: y, stroke: line.color,
          width: 1.5, dash: "5 4")
      }
    }
    // Labels of horizontal lines go right of the frame, nudged apart.
    let horizontals = referenceLines.compactMap { line in
      geometry.y.fraction(line.value).map { (line, area.y($0)) }
    }.filter { $0.0.orientation == .horizontal }.sorted { $0.1 < $1.1 }
    var lastY = -Double.infinity
    for (line, y) in horizontals {
      let labelY = max(y + 4, lastY + 12)
      svg.text(
        line.label, x: area.right + 5, y: labelY, size: 11, fill: line.color)
      lastY = labelY
    }
  }

  /// Room right of the plot for the labels of horizontal lines.
  var horizontalLabelWidth: Double {
    let widths = referenceLines.filter { $0.orientation == .horizontal }
      .map { SVGWriter.textWidth($0.label, fontSize: 11) + 8 }
    return widths.max() ?? 0
  }

  private func drawAnnotations(_ svg: inout SVGWriter, geometry: Geometry) {
    let area = geometry.area
    for annotation in annotations {
      guard let p = geometry.position(annotation.point) else { continue }
      svg.element(
        "circle",
        [
          ("cx", NumberText.coordinate(p.x)),
          ("cy", NumberText.coordinate(p.y)), ("r", "6"), ("fill", "none"),
          ("stroke", "#222222"), ("stroke-width", "2"),
        ])
      let labelWidth = SVGWriter.textWidth(annotation.label, fontSize: 11)
      let fitsRight = p.x + 10 + labelWidth <= area.right
      let above = p.y - 10 >= area.top + 12
      svg.haloText(
        annotation.label, x: fitsRight ? p.x + 10 : p.x - 10,
        y: above ? p.y - 10 : p.y + 20, anchor: fitsRight ? "start" : "end",
        fill: "#222222")
    }
  }
}
