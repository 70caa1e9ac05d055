import Testing

@testable import ThorReports

@Suite("Chart geometry and SVG") struct ChartGeometryTests {
  /// The plot frame: the only rect without fill and with the axis colour.
  func frame(_ svg: SVGInspector) throws -> (
    l: Double, t: Double,
    w: Double, h: Double
  ) {
    let rect = try #require(
      svg.all("rect").first {
        $0.attributes["fill"] == "none"
          && $0.attributes["stroke"] == SVGWriter.axisColor
      })
    return try (
      #require(rect.number("x")), #require(rect.number("y")),
      #require(rect.number("width")), #require(rect.number("height"))
    )
  }

  @Test func linearPointsLandOnExpectedPixels() throws {
    let chart = LineChart(
      title: "t", xAxis: Axis(label: "x", domain: 0...10),
      yAxis: Axis(label: "y", domain: 0...100),
      series: [
        .init(
          name: "s",
          points: [.init(x: 0, y: 0), .init(x: 5, y: 50), .init(x: 10, y: 25)],
          markers: true)
      ])
    let svg = SVGInspector(chart.render())
    let f = try frame(svg)
    // Markers in the plot; the legend's sample marker lies below it.
    let circles = svg.all("circle").map {
      ($0.number("cx")!, $0.number("cy")!)
    }.filter { $0.1 <= f.t + f.h + 0.01 }
    let expected = [
      (f.l, f.t + f.h), (f.l + f.w / 2, f.t + f.h / 2),
      (f.l + f.w, f.t + f.h * 0.75),
    ]
    #expect(circles.count == 3)
    for (got, want) in zip(circles, expected) {
      #expect(abs(got.0 - want.0) < 0.01 && abs(got.1 - want.1) < 0.01)
    }
  }

  @Test func logAxisPlacesPowersOfTwoEvenly() throws {
    let chart = LineChart(
      title: "t", xAxis: Axis(label: "x", scale: .logarithmic(base: 2)),
      yAxis: Axis(label: "y", domain: 0...1),
      series: [
        .init(
          name: "s", points: [1, 32, 2048].map { .init(x: $0, y: 1) },
          markers: true)
      ])
    let svg = SVGInspector(chart.render())
    let f = try frame(svg)
    let xs = svg.all("circle").filter { $0.number("cy")! <= f.t + f.h }
      .compactMap { $0.number("cx") }
    // 32 = 2^5 of 2^0...2^11.
    #expect(xs.count == 3)
    #expect(abs(xs[1] - (f.l + f.w * 5 / 11)) < 0.01)
    #expect(abs(xs[2] - (f.l + f.w)) < 0.01)
    for label in ["1", "32", "2048"] { #expect(!svg.texts(label).isEmpty) }
  }

  @Test func nonPositiveValuesBreakALogLine() {
    let chart = LineChart(
      title: "t", xAxis: Axis(label: "x"),
      yAxis: Axis(label: "y", scale: .logarithmic(base: 10)),
      series: [
        .init(
          name: "s",
          points: [1, 0.1, 0, 0.01, 0.02].enumerated().map {
            .init(x: Double($0.offset), y: $0.element)
          })
      ])
    let svg = SVGInspector(chart.render())
    let lines = svg.all("polyline").map {
      $0.attributes["points"]!.split(separator: " ").count
    }
    #expect(lines == [2, 2])
  }

  @Test func textIsEscaped() {
    let name = "a<b & \"c\" 'd' >"
    let chart = LineChart(
      title: name, xAxis: Axis(label: name), yAxis: Axis(label: "y"),
      series: [.init(name: name, points: [.init(x: 1, y: 1)])],
      referenceLines: [.init(.vertical, at: 1, label: name)])
    let svg = SVGInspector(chart.render())
    #expect(svg.texts(name).count >= 3)
    #expect(svg.all("title").first?.text == name)
  }

  @Test func renderingIsDeterministic() {
    let chart = LineChart(
      title: "t", xAxis: Axis(label: "x"), yAxis: Axis(label: "y"),
      series: (0..<12).map { i in
        .init(
          name: "series \(i)",
          points: (0..<50).map { .init(x: Double($0), y: Double($0 * i)) })
      })
    #expect(chart.render() == chart.render())
    // More than eight series: the legend moves beside the plot.
    let svg = SVGInspector(chart.render())
    #expect(svg.texts("series 11").count == 1)
  }

  @Test func colorScaleInterpolates() {
    let linear = ColorScale(
      axis: Axis(label: "v"), domain: 0...1,
      stops: [.init(0, "#000000"), .init(1, "#ffffff")])
    #expect(linear.color(for: 0.5) == "#808080")  // 127.5 rounds up
    #expect(linear.color(for: -3) == "#000000")
    #expect(linear.color(for: 7) == "#ffffff")
    let log = ColorScale(
      axis: Axis(label: "v", scale: .logarithmic(base: 10)),
      domain: 1e-4...1,
      stops: [
        .init(0, "#000000"), .init(0.5, "#0000ff"), .init(0.5, "#ff0000"),
        .init(1, "#ffffff"),
      ])
    // 1e-3 is a quarter of the way: half-way from black to blue.
    #expect(log.color(for: 1e-3) == "#000080")
    #expect(log.color(for: 0.01) == "#ff0000")  // the break: upper side
    // log10(0.011 / 1e-4) / 4 = 0.51035: 0.0207 of red → white, 5/255.
    #expect(log.color(for: 0.011) == "#ff0505")
    #expect(log.color(for: 0) == "#000000")
  }

  @Test func heatMapWithManyRows() throws {
    let rows = 108
    let columns = 9
    var values: [[Double?]] = []
    for r in 0..<rows {
      values.append((0..<columns).map { Double(r + $0) })
    }
    values[3][0] = nil
    let rowLabels: [String] = (0..<rows).map { "layer\($0).A" }
    let columnLabels: [String] = (0..<columns).map { String(1 << $0) }
    let scale = ColorScale(
      axis: Axis(label: "v"), domain: 0...120,
      stops: [.init(0, "#000000"), .init(1, "#ffffff")])
    let map = HeatMap(
      title: "h", rowTitle: "factor", columnTitle: "split",
      rowLabels: rowLabels, columnLabels: columnLabels, values: values,
      colorScale: scale,
      marked: [.init(row: 0, column: 2)], markLabel: "chosen",
      outlinedColumn: 4, outlineLabel: "global")
    let svg = SVGInspector(map.render())
    let cells = svg.all("rect").filter {
      $0.attributes["stroke"] == "#ffffff"
    }
    #expect(cells.count == rows * columns)
    let layout = map.layout()
    #expect(layout.cellHeight == 12 && layout.labelsBelow)
    // Row 3, column 0 has no value; row 1, column 1 has 2 → 2/120 grey.
    let missing = cells[3 * columns]
    #expect(missing.attributes["fill"] == HeatMap.missingColor)
    #expect(cells[columns + 1].attributes["fill"] == "#040404")
    #expect(svg.texts("layer107.A").count == 1)
    #expect(svg.texts("256").count == 2)  // column labels above and below
  }

  @Test func barLengthsAreProportional() throws {
    let chart = BarChart(
      title: "b", valueAxis: Axis(label: "ms"), seriesNames: ["t"],
      categories: [
        .init(label: "one", values: [2], notes: ["2"]),
        .init(label: "two", values: [4], notes: ["4"]),
      ])
    let svg = SVGInspector(chart.render())
    let bars = svg.all("rect").filter { $0.attributes["height"] == "18" }
    #expect(bars.count == 2)
    let w = bars.compactMap { $0.number("width") }
    #expect(abs(w[1] - 2 * w[0]) < 0.02)
    #expect(bars[0].number("x") == bars[1].number("x"))
  }
}
