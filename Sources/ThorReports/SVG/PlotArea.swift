/// The rectangle data are drawn in, in SVG pixels (y grows downwards).
struct PlotArea: Equatable {
  var left: Double
  var top: Double
  var width: Double
  var height: Double

  var right: Double { left + width }
  var bottom: Double { top + height }

  /// The pixel x of a fraction along the horizontal axis.
  func x(_ fraction: Double) -> Double { left + fraction * width }
  /// The pixel y of a fraction along the vertical axis (0 at the bottom).
  func y(_ fraction: Double) -> Double { bottom - fraction * height }
}
