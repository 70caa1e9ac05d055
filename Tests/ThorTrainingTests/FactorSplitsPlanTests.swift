import Foundation
import Testing
import ThorFormats

@testable import ThorTraining

@Suite("Splits from plans")
struct FactorSplitsPlanTests {
  static let model = [
    FactorSplits.LayerShape(
      name: "conv1", inputDimension: 26, outputDimension: 32),
    FactorSplits.LayerShape(
      name: "fc1", inputDimension: 3137, outputDimension: 256),
  ]

  static func factor(_ dim: Int, _ split: Int) -> Plan.Factor {
    Plan.Factor(
      dim: dim, split: split, loss: 0, costMicroseconds: 1, losses: [0])
  }

  static func plan(_ layers: [Plan.Layer]) -> Plan {
    Plan(
      provenance: .init(
        factors: "f.safetensors", factorsSHA256: "0", profile: "p.json",
        options: [:], tool: "test", created: "2026-01-01T00:00:00Z"),
      candidates: [128], tolerance: 0.01, strategy: .perLayer,
      global: .init(
        split: 128, intersection: nil, fractionWithinTolerance: [1],
        normalizedPerformance: [1]),
      layers: layers,
      totals: .init(
        noSplitMicroseconds: 1, globalMicroseconds: 1,
        perLayerMicroseconds: 1, globalWorstLoss: 0, perLayerWorstLoss: 0))
  }

  @Test func perLayerSplitsAndAbsentFactors() throws {
    let p = Self.plan([
      .init(name: "conv1", A: Self.factor(26, 26), G: Self.factor(32, 16)),
      .init(name: "fc1", A: Self.factor(3137, 128), G: nil),
    ])
    let s = try FactorSplits.resolve(
      .plan(p, path: "plan.json", partial: false), layers: Self.model)
    #expect(s["conv1"] == FactorSplits(a: 26, g: 16))
    #expect(s["fc1"] == FactorSplits(a: 128, g: .max))
  }

  @Test func splitFarAboveTheDimensionIsWarnedAbout() throws {
    var p = Self.plan([
      .init(name: "conv1", A: Self.factor(26, 1 << 62), G: Self.factor(32, 64)),
      .init(name: "fc1", A: Self.factor(3137, 128), G: nil),
    ])
    p.candidates = [16, 64, 128]
    let source = FactorSplits.Source.plan(p, path: "p.json", partial: false)
    let s = try FactorSplits.resolve(source, layers: Self.model)
    #expect(s["conv1"] == FactorSplits(a: 1 << 62, g: 64))
    // Split 64 > 32 is a candidate (a global plan), so only A is named.
    #expect(
      FactorSplits.warnings(source) == [
        "p.json: layer 'conv1' factor A has split \(1 << 62), above its "
          + "dimension 26 and not one of the plan's candidates; it is applied "
          + "as no split"
      ])
  }

  @Test func mismatchListsLayersOnBothSides() {
    let p = Self.plan([
      .init(name: "conv1", A: Self.factor(26, 26), G: nil),
      .init(name: "layer1.0.conv1", A: nil, G: nil),
    ])
    #expect(
      throws: SecondOrderError.planLayerMismatch(
        path: "plan.json", unknownToModel: ["layer1.0.conv1"],
        missingFromPlan: ["fc1"])
    ) {
      try FactorSplits.resolve(
        .plan(p, path: "plan.json", partial: false), layers: Self.model)
    }
    let partial = try? FactorSplits.resolve(
      .plan(p, path: "plan.json", partial: true), layers: Self.model)
    #expect(partial?["fc1"] == FactorSplits.none)
  }

  @Test func dimensionMismatchIsAnError() {
    let p = Self.plan([
      .init(name: "conv1", A: Self.factor(25, 8), G: nil),
      .init(name: "fc1", A: nil, G: nil),
    ])
    #expect(
      throws: SecondOrderError.planDimensionMismatch(
        path: "p", layer: "conv1", factor: "A", plan: 25, model: 26)
    ) {
      try FactorSplits.resolve(
        .plan(p, path: "p", partial: false), layers: Self.model)
    }
  }

  @Test func unknownFormatOrVersionIsRejected() throws {
    let dir = try FactorDumpTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let v2 = dir.appendingPathComponent("v2.json")
    try Data(#"{"format": "thor-tune/plan", "version": 2}"#.utf8).write(to: v2)
    #expect(
      throws: SecondOrderError.unknownPlanFormat(
        path: v2.path, format: "thor-tune/plan", version: 2)
    ) { try FactorSplits.Source.loadPlan(at: v2.path, partial: false) }
    let missing = dir.appendingPathComponent("missing.json")
    try Data(#"{"format": "thor-tune/plan", "version": 1}"#.utf8)
      .write(to: missing)
    do {
      _ = try FactorSplits.Source.loadPlan(at: missing.path, partial: false)
      Issue.record("accepted a plan without fields")
    } catch {
      #expect("\(error)".contains("missing field"))
    }
    let good = dir.appendingPathComponent("good.json")
    let p = Self.plan([.init(name: "fc1", A: Self.factor(3137, 64), G: nil)])
    try JSONEncoder().encode(p).write(to: good)
    let loaded = try FactorSplits.Source.loadPlan(at: good.path, partial: true)
    #expect(loaded == .plan(p, path: good.path, partial: true))
  }
}
