/// The shape of one sample's features: `height × width × channels`, stored
/// with the channel fastest (NHWC with the batch as the slowest index), so a
/// flattened image is the same memory as the image.
package struct FeatureShape: Sendable, Equatable, CustomStringConvertible {
  package var height: Int
  package var width: Int
  package var channels: Int

  package init(height: Int, width: Int, channels: Int) {
    self.height = height
    self.width = width
    self.channels = channels
  }

  /// A flat vector of `count` features.
  package static func vector(_ count: Int) -> FeatureShape {
    FeatureShape(height: 1, width: 1, channels: count)
  }

  /// Features per sample.
  package var count: Int { height * width * channels }

  package var description: String { "\(height)x\(width)x\(channels)" }
}
