/// One stage of a network. A batch is a column-major matrix with one column
/// per sample (features × count, features in ``FeatureShape`` order).
///
/// Layers own their output and gradient buffers and return pointers into
/// them; a returned pointer stays valid until the layer's next call of the
/// same kind. `backward` follows the `forward` of the same batch, whose
/// input buffer must still hold that batch.
package protocol Layer: AnyObject {
  /// The stable name (`fc1`, `conv2`, `relu3`).
  var name: String { get }
  /// Shape of one input sample.
  var inputShape: FeatureShape { get }
  /// Shape of one output sample.
  var outputShape: FeatureShape { get }
  /// Computes the outputs of `count` samples.
  func forward(_ input: UnsafePointer<Float>, count: Int)
    -> UnsafePointer<Float>
  /// Takes `∂L/∂output` and returns `∂L/∂input` (nil when not needed, for
  /// the first layer), storing parameter gradients on the way.
  func backward(
    _ outputGradient: UnsafePointer<Float>, count: Int,
    needsInputGradient: Bool
  ) -> UnsafePointer<Float>?
}
