/// A feed-forward stack of layers ending in logits.
package final class Network {
  /// All layers, input to output.
  package let layers: [any Layer]
  /// The layers with parameters, in order (what optimizers update).
  package let trainableLayers: [any KroneckerFactoredLayer]

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

  /// Back-propagates `∂L/∂logits` through every layer, storing each
  /// trainable layer's ``KroneckerFactoredLayer/parameterGradient``.
  package func backward(_ logitGradient: UnsafePointer<Float>, count: Int) {
    var g = logitGradient
    for (i, layer) in layers.enumerated().reversed() {
      guard
        let next = layer.backward(g, count: count, needsInputGradient: i > 0)
      else { return }
      g = next
    }
  }
}
