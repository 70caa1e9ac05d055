/// What a training run's optimizer is made from: its kind, the settings
/// every optimizer shares and those of the K-FAC family
/// (``SecondOrderSettings``).
package struct OptimizerSettings: Sendable, Equatable {
  /// SGD or a second-order variant.
  package var kind: OptimizerKind
  /// Momentum: SGD's, or on the K-FAC family's preconditioned step.
  package var momentum: Float
  /// Nesterov momentum (SGD only).
  package var nesterov: Bool
  /// L2 weight decay.
  package var weightDecay: Float
  /// The parameters weight decay applies to.
  package var decayScope: WeightDecayScope
  /// The K-FAC family's settings (unused by SGD).
  package var secondOrder: SecondOrderSettings

  package init(
    kind: OptimizerKind, momentum: Float, nesterov: Bool,
    weightDecay: Float, decayScope: WeightDecayScope,
    secondOrder: SecondOrderSettings
  ) {
    self.kind = kind
    self.momentum = momentum
    self.nesterov = nesterov
    self.weightDecay = weightDecay
    self.decayScope = decayScope
    self.secondOrder = secondOrder
  }

  /// The optimizer for `network`, with the warnings its splits raise.
  /// - Throws: ``SecondOrderError`` when the plan cannot be read or does
  ///   not fit the network's layers.
  package func makeOptimizer(for network: Network)
    throws(SecondOrderError) -> (optimizer: any Optimizer, warnings: [String])
  {
    guard case .secondOrder(let variant) = kind else {
      let sgd = SGD(
        momentum: momentum, nesterov: nesterov, weightDecay: weightDecay,
        decayScope: decayScope)
      return (sgd, [])
    }
    let layers = network.trainableLayers.map {
      FactorSplits.LayerShape(
        name: $0.name, inputDimension: $0.inputDimension,
        outputDimension: $0.outputDimension)
    }
    let (configuration, warnings) = try self.configuration(
      variant, layers: layers)
    return (KFACOptimizer(configuration: configuration), warnings)
  }

  /// `variant`'s configuration with these settings and the splits of
  /// `layers`, and the warnings the splits raise.
  /// - Throws: ``SecondOrderError`` as ``makeOptimizer(for:)``.
  package func configuration(
    _ variant: SecondOrderVariant, layers: [FactorSplits.LayerShape]
  ) throws(SecondOrderError) -> (KFACConfiguration, warnings: [String]) {
    let s = secondOrder
    var c = variant.configuration
    c.momentum = momentum
    c.weightDecay = weightDecay
    c.decayScope = decayScope
    c.decayBeforePreconditioning = s.decayBeforePreconditioning
    c.damping = s.damping
    c.dampingForm = s.dampingForm
    if let schedule = s.inverseInterval { c.inverseInterval = schedule }
    c.factorInterval = s.factorInterval
    c.factorDecay = s.factorDecay
    c.factorSampleLimit = s.factorSamples
    c.klClip = s.klClip
    if let omega = s.omega {
      c.traceRule = TraceRule(
        updateThreshold: omega.update, freezeThreshold: omega.freeze)
    }
    c.traceRule?.form = s.traceForm
    let source: FactorSplits.Source =
      if let path = s.plan {
        try .loadPlan(at: path, partial: s.planPartial)
      } else if let split = s.split {
        .uniform(split)
      } else {
        .none
      }
    c.splits = try FactorSplits.resolve(source, layers: layers)
    return (c, FactorSplits.warnings(source))
  }
}

extension OptimizerKind {
  /// The base learning rate unless an option sets it: SGD's, or the
  /// K-FAC family's.
  package var defaultLearningRate: Double {
    self == .sgd ? 0.02 : 0.005
  }
}
