/// A line chart: several series with markers, labelled axes, a legend and
/// reference lines (for example a crossing or a chosen split).
package struct LineChart: Sendable {
  /// One line of the chart.
  package struct Series: Sendable {
    package var name: String
    package var points: [ChartPoint]
    /// Draw markers at the points; `nil` draws them up to 40 points.
    package var markers: Bool?

    package init(name: String, points: [ChartPoint], markers: Bool? = nil) {
      self.name = name
      self.points = points
      self.markers = markers
    }
  }

  /// A labelled straight line across the plot at a data value.
  package struct ReferenceLine: Sendable {
    package enum Orientation: Sendable { case vertical, horizontal }
    package var orientation: Orientation
    package var value: Double
    package var label: String
    package var color: String

    package init(
      _ orientation: Orientation, at value: Double, label: String,
      color: String = "#555555"
    ) {
      self.orientation = orientation
      self.value = value
      self.label = label
      self.color = color
    }
  }

  /// A highlighted, labelled point (for example the curves' crossing).
  package struct Annotation: Sendable {
    package var point: ChartPoint
    package var label: String

    package init(_ point: ChartPoint, label: String) {
      self.point = point
      self.label = label
    }
  }

  package var title: String
  package var xAxis: Axis
  package var yAxis: Axis
  package var series: [Series]
  package var referenceLines: [ReferenceLine]
  package var annotations: [Annotation]
  /// Minimum size in pixels; a long legend makes the chart taller.
  package var width: Double
  package var height: Double

  /// Creates a chart; ``render()`` draws it.
  package init(
    title: String, xAxis: Axis, yAxis: Axis, series: [Series],
    referenceLines: [ReferenceLine] = [], annotations: [Annotation] = [],
    width: Double = 760, height: Double = 460
  ) {
    self.title = title
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.series = series
    self.referenceLines = referenceLines
    self.annotations = annotations
    self.width = width
    self.height = height
  }
}
