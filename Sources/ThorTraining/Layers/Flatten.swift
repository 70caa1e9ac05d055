/// Turns an image into a feature vector. Images are stored channel-fastest
/// (height × width × channels), so this only relabels the shape: the vector
/// lists features in (row, column, channel) order.
public final class Flatten: Layer {
  public let name: String
  public let inputShape: FeatureShape
  public var outputShape: FeatureShape { .vector(inputShape.count) }

  public init(name: String, shape: FeatureShape) {
    self.name = name
    inputShape = shape
  }

  public func forward(_ input: UnsafePointer<Float>, count: Int)
    -> UnsafePointer<Float>
  { input }

  public func backward(
    _ outputGradient: UnsafePointer<Float>, count: Int,
    needsInputGradient: Bool
  ) -> UnsafePointer<Float>? {
    needsInputGradient ? outputGradient : nil
  }
}
