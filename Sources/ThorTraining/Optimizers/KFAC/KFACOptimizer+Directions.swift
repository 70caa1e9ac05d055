import ThorLinalg

extension KFACOptimizer {
  /// One layer's factors and gradient for
  /// ``directions(configuration:layers:)``.
  package struct LayerGradient: Sendable {
    /// `A` and `G` (as one estimate).
    package var factors: KroneckerFactors
    /// `[∇W | ∇b]`, `d_G x d_A`.
    package var gradient: Matrix<Float>

    package init(factors: KroneckerFactors, gradient: Matrix<Float>) {
      precondition(
        gradient.rows == factors.upperG.rows
          && gradient.columns == factors.upperA.rows,
        "\(factors.layerName): the gradient is not d_G x d_A")
      self.factors = factors
      self.gradient = gradient
    }
  }

  /// The preconditioned directions `(G + γ_G I)⁻¹ ∇W (A + γ_A I)⁻¹` of
  /// `layers` (in order) and the notes of any jitter added, computed by
  /// the code a training step runs: ``updateInverses(step:)`` (damping
  /// form, the splits of `configuration`, Cholesky with jitter) and
  /// ``preconditionGradients(_:)``, at the damping of epoch 0.
  /// Momentum, weight decay, KL clipping and the trace rule are left out:
  /// the result is the direction before the optimizer's own step.
  /// - Throws: ``SecondOrderError`` when a factor is not finite or cannot
  ///   be inverted.
  package static func directions(
    configuration: KFACConfiguration, layers: [LayerGradient]
  ) throws -> (directions: [Matrix<Float>], notes: [String]) {
    var c = configuration
    c.traceRule = nil
    c.weightDecay = 0
    c.klClip = nil
    let optimizer = KFACOptimizer(configuration: c)
    let holders = layers.map {
      GradientLayer(name: $0.factors.layerName, gradient: $0.gradient)
    }
    optimizer.curvature = zip(holders, layers).map { layer, given in
      let state = LayerCurvature(
        layer: layer, splits: c.splits[layer.name] ?? .none)
      state.factors = given.factors
      return state
    }
    try optimizer.updateInverses(step: 0)
    _ = optimizer.preconditionGradients(holders)
    return (optimizer.curvature.map(\.direction), optimizer.statistics.notes)
  }
}
