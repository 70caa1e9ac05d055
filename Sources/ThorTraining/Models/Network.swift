/// A feed-forward stack of layers ending in logits.
package final class Network {
  /// All layers, input to output.
  package let layers: [any Layer]
  /// The layers with parameters, in order (what optimizers update).
  package let trainableLayers: [any KroneckerFactoredLayer]
  /// The index of the first layer with parameters: back-propagation ends
  /// there, since no layer before it has a gradient to store.
  private let firstTrainableIndex: Int?

  /// Creates a network; consecutive layers' shapes must agree.
  package init(layers: [any Layer]) {
    precondition(!layers.isEmpty, "empty network")
    for (a, b) in zip(layers, layers.dropFirst()) {
      precondition(
        a.outputShape == b.inputShape,
        "\(a.name) outputs \(a.outputShape), \(b.name) takes \(b.inputShape)")
    }
    self.layers = layers
    trainableLayers = layers.compactMap { $0 as? any KroneckerFactoredLayer }
    firstTrainableIndex = layers.firstIndex {
      $0 is any KroneckerFactoredLayer
    }
  }

  /// Shape of one input sample.
  package var inputShape: FeatureShape { layers[0].inputShape }
  /// Number of logits per sample.
  package var classes: Int { layers[layers.count - 1].outputShape.count }
  /// Total number of parameters.
  package var parameterCount: Int {
    trainableLayers.reduce(0) { $0 + $1.outputDimension * $1.inputDimension }
  }

  /// Runs `count` samples through every layer and returns the logits
  /// (classes × count), valid until the next forward pass.
  package func forward(_ input: UnsafePointer<Float>, count: Int)
    -> UnsafePointer<Float>
  {
    var x = input
    for layer in layers { x = layer.forward(x, count: count) }
    return x
  }

  /// Back-propagates `∂L/∂logits` down to the first trainable layer,
  /// storing each trainable layer's
  /// ``KroneckerFactoredLayer/parameterGradient``; the gradient with
  /// respect to that layer's input is never computed.
  package func backward(_ logitGradient: UnsafePointer<Float>, count: Int) {
    guard let first = firstTrainableIndex else { return }
    var g = logitGradient
    for i in stride(from: layers.count - 1, through: first, by: -1) {
      guard
        let next = layers[i].backward(
          g, count: count, needsInputGradient: i > first)
      else { return }
      g = next
    }
  }
}
