import ThorLinalg

/// Stochastic gradient descent with momentum, optional Nesterov momentum
/// and L2 weight decay, as PyTorch's `torch.optim.SGD` defines them:
/// `d = ∇ + wd·θ`, `v ← μ·v + d`, then `θ ← θ − α·v`, or with Nesterov
/// `θ ← θ − α·(d + μ·v)`. Weight decay applies to the weights only, or
/// to the biases too (``WeightDecayScope``).
package final class SGD: Optimizer {
  package let name = "sgd"
  /// Momentum `μ` (0 for plain SGD).
  package let momentum: Float
  /// Whether to use Nesterov momentum.
  package let nesterov: Bool
  /// L2 weight-decay coefficient `wd`.
  package let weightDecay: Float
  /// The parameters weight decay applies to.
  package let decayScope: WeightDecayScope
  private var velocities: [ObjectIdentifier: [Float]] = [:]

  package init(
    momentum: Float = Float(OptimizerKind.defaultMomentum),
    nesterov: Bool = false, weightDecay: Float = 0,
    decayScope: WeightDecayScope = .weightsOnly
  ) {
    precondition(momentum >= 0 && weightDecay >= 0)
    self.momentum = momentum
    self.nesterov = nesterov
    self.weightDecay = weightDecay
    self.decayScope = decayScope
  }

  package var currentDamping: Double { 0 }

  package func prepare(
    step: Int, epoch: Int, layers: [any KroneckerFactoredLayer]
  ) {}

  package func update(
    layers: [any KroneckerFactoredLayer], step: Int, epoch: Int,
    learningRate: Float
  ) throws {
    for layer in layers {
      let gradient = layer.parameterGradient
      let decayed = decayScope.decayedCount(
        rows: gradient.rows, columns: gradient.columns)
      gradient.withUnsafeElements { g in
        let key = ObjectIdentifier(layer)
        var v =
          velocities.removeValue(forKey: key)
          ?? [Float](repeating: 0, count: g.count)
        layer.parameters.withUnsafeMutableElements { p in
          v.withUnsafeMutableBufferPointer { v in
            apply(p, g, v, learningRate, decay: weightDecay, 0..<decayed)
            apply(p, g, v, learningRate, decay: 0, decayed..<p.count)
          }
        }
        velocities[key] = v
      }
    }
  }

  /// One element-wise update of `p[range]` from gradient `g`, velocity
  /// `v` and weight decay `wd`, split over workers (``BatchParallel``).
  private func apply(
    _ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>,
    _ v: UnsafeMutableBufferPointer<Float>, _ lr: Float, decay wd: Float,
    _ range: Range<Int>
  ) {
    ElementWise.splitMomentumStep(
      p.baseAddress!, g.baseAddress!, v.baseAddress!, lr: lr, mu: momentum,
      wd: wd, nesterov: nesterov, range: range)
  }

  package func takeEpochStatistics() -> OptimizerStatistics {
    OptimizerStatistics()
  }
}
