/// Turns an image into a feature vector. Images are stored channel-fastest
/// (height × width × channels), so this only relabels the shape: the vector
/// lists features in (row, column, channel) order.
package final class Flatten: Layer {
  package let name: String
  package let inputShape: FeatureShape
  package var outputShape: FeatureShape { .vector(inputShape.count) }

  package init(name: String, shape: FeatureShape) {
    self.name = name
    inputShape = shape
  }

  package func forward(_ input: UnsafePointer<Float>, count: Int)
    -> UnsafePointer<Float>
  { input }

  package func backward(
    _ outputGradient: UnsafePointer<Float>, count: Int,
    needsInputGradient: Bool
  ) -> UnsafePointer<Float>? {
    needsInputGradient ? outputGradient : nil
  }
}
