/// A line chart: several series with markers, labelled axes, a legend and
/// reference lines (for example a crossing or a chosen split).
public struct LineChart: Sendable {
  /// One line of the chart.
  public struct Series: Sendable {
    public var name: String
    public var points: [ChartPoint]
    /// Draw markers at the points; `nil` draws them up to 40 points.
    public var markers: Bool?

    public init(name: String, points: [ChartPoint], markers: Bool? = nil) {
      self.name = name
      self.points = points
      self.markers = markers
    }
  }

  /// A labelled straight line across the plot at a data value.
  public struct ReferenceLine: Sendable {
    public enum Orientation: Sendable { case vertical, horizontal }
    public var orientation: Orientation
    public var value: Double
    public var label: String
    public var color: String

    public init(
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
  public struct Annotation: Sendable {
    public var point: ChartPoint
    public var label: String

    public init(_ point: ChartPoint, label: String) {
      self.point = point
      self.label = label
    }
  }

  public var title: String
  public var xAxis: Axis
  public var yAxis: Axis
  public var series: [Series]
  public var referenceLines: [ReferenceLine]
  public var annotations: [Annotation]
  /// Minimum size in pixels; a long legend makes the chart taller.
  public var width: Double
  public var height: Double

  /// Creates a chart; ``render()`` draws it.
  public init(
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
