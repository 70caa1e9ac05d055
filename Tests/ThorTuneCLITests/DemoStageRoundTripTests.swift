import Foundation
import Testing
import ThorTraining

@testable import ThorTuneCLI

/// Each demo stage's printed command, parsed by the real parser, gives the
/// typed command the stage ran.
@Suite("Demo stages round-trip") struct DemoStageRoundTripTests {
  private static let settings = [
    DemoSettings.quick(threads: 3), DemoSettings.standard(threads: 2),
  ]

  private func expectRoundTrip(_ stage: TrainCommand) throws {
    let parsed = try TrainCommand.make(stage.renderedWords)
    #expect(parsed.model == stage.model)
    #expect(parsed.optimizer == stage.optimizer)
    #expect(parsed.configuration == stage.configuration)
    #expect(parsed.dump == stage.dump)
    #expect(parsed.log == stage.log)
    #expect(parsed.data == stage.data)
    #expect(parsed.trainSubset == stage.trainSubset)
    #expect(parsed.testSubset == stage.testSubset)
    #expect(parsed.validation == stage.validation)
    #expect(parsed.validateEvery == stage.validateEvery)
    #expect(parsed.initWeights == stage.initWeights)
    #expect(parsed.threads == stage.threads)
  }

  @Test func trainingStages() throws {
    for settings in Self.settings {
      try expectRoundTrip(
        try settings.capture(log: "d/capture.jsonl", dump: "d/f.safetensors"))
      try expectRoundTrip(try settings.sgd(log: "d/sgd.jsonl"))
      try expectRoundTrip(
        try settings.thor(log: "d/thor.jsonl", plan: "d/plan.json"))
    }
  }

  @Test func planStage() throws {
    for settings in Self.settings {
      let stage = try settings.plan(
        factors: "d/f.safetensors", profile: "d/profile.json",
        out: "d/plan.json", report: "d/plan")
      let parsed = try PlanCommand.make(stage.renderedWords)
      #expect(parsed.factors == stage.factors)
      #expect(parsed.profile == stage.profile)
      #expect(parsed.candidates == stage.candidates)
      #expect(parsed.tolerance == stage.tolerance)
      #expect(parsed.strategy == stage.strategy)
      #expect(parsed.updateBudget == stage.updateBudget)
      #expect(parsed.damping == stage.damping)
      #expect(parsed.dampingForm == stage.dampingForm)
      #expect(parsed.stepsPerEpoch == stage.stepsPerEpoch)
      #expect(parsed.epochs == stage.epochs)
      #expect(parsed.intervals == stage.intervals)
      #expect(parsed.out == stage.out)
      #expect(parsed.report == stage.report)
      #expect(parsed.threads == stage.threads)
      #expect(parsed.memory == stage.memory)
    }
  }

  @Test func profileStage() throws {
    for settings in Self.settings {
      let stage = try settings.profile(out: "d/profile.json")
      let parsed = try ProfileCommand.make(stage.renderedWords)
      #expect(parsed.configuration == stage.configuration)
      #expect(parsed.products == stage.products)
      #expect(parsed.threads == stage.threads)
      #expect(parsed.out == stage.out)
    }
  }

  @Test func reportStage() throws {
    for settings in Self.settings {
      let stage = try settings.report(
        sgd: "d/sgd.jsonl", thor: "d/thor.jsonl", out: "d/training")
      let parsed = try ReportCommand.make(stage.renderedWords)
      #expect(parsed.logs == ["d/sgd.jsonl", "d/thor.jsonl"])
      #expect(parsed.labels == ["sgd", "thor"])
      #expect(parsed.thresholds == settings.thresholds)
      #expect(parsed.dumps == stage.dumps)
      #expect(parsed.damping == stage.damping)
      #expect(parsed.out == "d/training")
    }
  }

  /// The quick THOR stage holds what its command line used to spell out.
  @Test func thorStageHoldsTheDemoHyperparameters() throws {
    let stage = try DemoSettings.quick(threads: 3).thor(
      log: "d/thor.jsonl", plan: "d/plan.json")
    #expect(stage.optimizer.kind == .secondOrder(.thor))
    #expect(stage.configuration.learningRate == 0.005)
    #expect(stage.configuration.epochs == 2)
    #expect(stage.configuration.schedule == .polynomial(end: 3, power: 2))
    #expect(stage.optimizer.secondOrder.damping.initial == 0.03)
    #expect(stage.optimizer.secondOrder.factorSamples == 32)
    #expect(stage.optimizer.secondOrder.plan == "d/plan.json")
    #expect(
      stage.optimizer.secondOrder.inverseInterval
        == (try IntervalSchedule(parsing: "0:10,1:50,3:200")))
    #expect(stage.trainSubset == 512)
    #expect(stage.testSubset == 256)
    #expect(stage.model == .cnn)
  }
}
