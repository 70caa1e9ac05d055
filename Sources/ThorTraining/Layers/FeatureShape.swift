/// The shape of one sample's features: `height × width × channels`, stored
/// with the channel fastest (NHWC with the batch as the slowest index), so a
/// flattened image is the same memory as the image.
public struct FeatureShape: Sendable, Equatable, CustomStringConvertible {
  public var height: Int
  public var width: Int
  public var channels: Int

  public init(height: Int, width: Int, channels: Int) {
    self.height = height
    self.width = width
    self.channels = channels
  }

  /// A flat vector of `count` features.
  public static func vector(_ count: Int) -> FeatureShape {
    FeatureShape(height: 1, width: 1, channels: count)
  }

  /// Features per sample.
  public var count: Int { height * width * channels }

  public var description: String { "\(height)x\(width)x\(channels)" }
}
