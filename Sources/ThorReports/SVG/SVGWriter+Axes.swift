/// Axis drawing shared by the charts: grid, ticks, tick labels and titles.
extension SVGWriter {
  static let tickFont = 11.0
  static let axisTitleFont = 13.0
  static let gridColor = "#e6e6e6"
  static let axisColor = "#808080"

  /// Draws vertical grid lines, ticks and labels below `area`, and the
  /// axis title under them. Labels that would overlap are thinned.
  mutating func horizontalAxis(
    _ axis: ResolvedAxis, title: String,
    area: PlotArea
  ) {
    let positions = axis.ticks.map { area.x(axis.fraction($0) ?? 0) }
    let widest =
      axis.labels.map {
        Self.textWidth($0, fontSize: Self.tickFont)
      }.max() ?? 0
    let every = Self.labelStride(positions: positions, size: widest + 8)
    for (index, x) in positions.enumerated() {
      line(x1: x, y1: area.top, x2: x, y2: area.bottom, stroke: Self.gridColor)
      line(
        x1: x, y1: area.bottom, x2: x, y2: area.bottom + 5,
        stroke: Self.axisColor)
      if index % every == 0 {
        text(
          axis.labels[index], x: x, y: area.bottom + 19, size: Self.tickFont,
          anchor: "middle")
      }
    }
    text(
      title, x: area.left + area.width / 2, y: area.bottom + 42,
      size: Self.axisTitleFont, anchor: "middle")
  }

  /// Draws horizontal grid lines, ticks and labels left of `area`, and the
  /// rotated axis title at `titleX`.
  mutating func verticalAxis(
    _ axis: ResolvedAxis, title: String,
    area: PlotArea, titleX: Double
  ) {
    let positions = axis.ticks.map { area.y(axis.fraction($0) ?? 0) }
    let every = Self.labelStride(positions: positions, size: Self.tickFont + 4)
    for (index, y) in positions.enumerated() {
      line(x1: area.left, y1: y, x2: area.right, y2: y, stroke: Self.gridColor)
      line(
        x1: area.left - 5, y1: y, x2: area.left, y2: y,
        stroke: Self.axisColor)
      if index % every == 0 {
        text(
          axis.labels[index], x: area.left - 8, y: y + 4, size: Self.tickFont,
          anchor: "end")
      }
    }
    let middle = area.top + area.height / 2
    text(
      title, x: titleX, y: middle, size: Self.axisTitleFont,
      anchor: "middle", rotate: -90)
  }

  /// Draws the frame around `area`.
  mutating func frame(_ area: PlotArea) {
    rect(
      x: area.left, y: area.top, width: area.width, height: area.height,
      fill: "none", stroke: Self.axisColor)
  }

  /// Draws the chart title centred at the top.
  mutating func title(_ text: String) {
    self.text(
      text, x: width / 2, y: 26, size: 16, anchor: "middle",
      weight: "bold")
  }

  /// The width the vertical axis needs left of the plot: title, labels,
  /// ticks.
  static func verticalAxisWidth(labels: [String]) -> Double {
    let widest = labels.map { textWidth($0, fontSize: tickFont) }.max() ?? 0
    return axisTitleFont + 14 + widest + 10
  }

  /// The smallest `k` such that every `k`-th label keeps `size` pixels
  /// from the next.
  static func labelStride(positions: [Double], size: Double) -> Int {
    guard positions.count > 1 else { return 1 }
    for k in 1..<positions.count {
      var fits = true
      var index = 0
      while index + k < positions.count {
        if abs(positions[index + k] - positions[index]) < size {
          fits = false
          break
        }
        index += k
      }
      if fits { return k }
    }
    return positions.count
  }
}
