import Testing

@testable import ThorTraining

@Suite("Optimizer settings") struct OptimizerSettingsTests {
  private func settings(_ kind: OptimizerKind) -> OptimizerSettings {
    OptimizerSettings(
      kind: kind, momentum: 0.5, nesterov: false, weightDecay: 0.001,
      decayScope: .weightsAndBiases, secondOrder: SecondOrderSettings())
  }

  private let layers = [
    FactorSplits.LayerShape(name: "fc1", inputDimension: 7, outputDimension: 3)
  ]

  @Test func defaultLearningRates() {
    #expect(OptimizerKind.sgd.defaultLearningRate == 0.02)
    for variant in SecondOrderVariant.allCases {
      #expect(OptimizerKind.secondOrder(variant).defaultLearningRate == 0.005)
    }
  }

  @Test func sharedSettingsReachTheConfiguration() throws {
    let (c, warnings) = try settings(.kfac).configuration(
      .kfac, layers: layers)
    #expect(c.name == "kfac")
    #expect(c.momentum == 0.5)
    #expect(c.weightDecay == 0.001)
    #expect(c.decayScope == .weightsAndBiases)
    #expect(c.inverseInterval == IntervalSchedule(fixed: 20))
    #expect(c.traceRule == nil)
    #expect(c.splits == ["fc1": FactorSplits.none])
    #expect(warnings.isEmpty)
  }

  @Test func thresholdsFormAndSplitOverrideTheVariant() throws {
    var s = settings(.secondOrder(.thor))
    s.secondOrder.omega = .init(update: 0.2, freeze: 0.1)
    s.secondOrder.traceForm = .undamped
    s.secondOrder.split = 4
    s.secondOrder.inverseInterval = IntervalSchedule(fixed: 7)
    let (c, _) = try s.configuration(.thor, layers: layers)
    #expect(
      c.traceRule
        == TraceRule(
          updateThreshold: 0.2, freezeThreshold: 0.1, form: .undamped))
    #expect(c.splits == ["fc1": FactorSplits(a: 4, g: 4)])
    #expect(c.inverseInterval == IntervalSchedule(fixed: 7))
  }

  @Test func variantThresholdsStayWithoutOmega() throws {
    let (c, _) = try settings(.secondOrder(.thorStop)).configuration(
      .thorStop, layers: layers)
    #expect(
      c.traceRule == TraceRule(updateThreshold: 0.01, freezeThreshold: 0.001))
    #expect(c.inverseInterval == IntervalSchedule.growing)
  }
}
