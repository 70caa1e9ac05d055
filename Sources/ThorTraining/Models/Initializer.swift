import ThorLinalg

/// Seeded parameter initialization: He (Kaiming) uniform for the weights,
/// `W ~ U(−√(6/fan_in), √(6/fan_in))` with `fan_in` the inputs per output
/// (d_in, or k·k·C_in), suited to ReLU networks; biases start at zero.
package enum Initializer {
  /// Fills every layer's parameters, in order, from one seeded stream.
  package static func heUniform(
    _ layers: [any KroneckerFactoredLayer], seed: UInt64
  ) {
    var rng = SplitMix64(seed: seed)
    for layer in layers {
      let rows = layer.outputDimension
      let fanIn = layer.inputDimension - 1
      let bound = (6 / Float(fanIn)).squareRoot()
      layer.parameters.withUnsafeMutableElements { p in
        for i in 0..<(rows * fanIn) {
          p[i] = (2 * rng.nextUnit() - 1) * bound
        }
        for i in (rows * fanIn)..<p.count { p[i] = 0 }
      }
    }
  }
}
