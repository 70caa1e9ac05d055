import Foundation
import Testing
import ThorAnalysis
import ThorFormats
import ThorProfiler

@testable import ThorSolver

@Suite("Split solver") struct SolverTests {
  static let provenance = Plan.Provenance(
    factors: "dump.safetensors", factorsSHA256: "", profile: "p.json",
    options: [:], tool: "test", created: "2026-01-01T00:00:00Z")

  /// A factor whose loss is 0.001 from candidate `index` on, 0.05 before.
  static func factor(
    _ name: String, _ kind: FactorKind = .a, dim: Int = 4608,
    withinFrom index: Int, count: Int
  ) -> FactorAnalysis {
    let norms = (0..<count).map { $0 >= index ? 0.999 : 0.95 }
    return FactorAnalysis(
      layer: name, kind: kind,
      losses: SplitLosses(dimension: dim, spectralNorm: 1, blockNorms: norms))
  }

  /// 54 `A` factors whose counts within 1% match Table 1.
  static func paperFactors() -> [FactorAnalysis] {
    let counts = PaperTable1.withinTolerance
    var factors: [FactorAnalysis] = []
    for index in counts.indices {
      let added = counts[index] - (index == 0 ? 0 : counts[index - 1])
      for _ in 0..<added {
        factors.append(
          factor(
            "layer\(factors.count)", withinFrom: index,
            count: counts.count))
      }
    }
    while factors.count < PaperTable1.factorCount {
      factors.append(
        factor(
          "layer\(factors.count)", withinFrom: counts.count,
          count: counts.count))
    }
    return factors
  }

  static func paperSolver() throws -> Solver {
    try Solver(
      candidates: PaperTable1.dims, tolerance: 0.01,
      costModel: InversionCostModel(profile: PaperTable1.profile()))
  }

  @Test func reproducesThePaperGlobalChoice() throws {
    let profile = try PaperTable1.profile()
    #expect(profile.results.map(\.dim) == PaperTable1.dims)
    #expect(
      profile.results.map(\.medianMicroseconds) == PaperTable1.microseconds)
    let solver = try Self.paperSolver()
    let plan = solver.plan(
      for: Self.paperFactors(), strategy: .global,
      provenance: Self.provenance)
    let crossing = try #require(plan.global.intersection)
    #expect(abs(crossing.dim - 105) < 4, "paper: (106, 0.21)")
    #expect(abs(crossing.value - 0.21) < 0.01)
    #expect(plan.global.split == 128)
    let paperLoss = [
      0.0741, 0.0741, 0.0926, 0.1667, 0.2407, 0.4259, 0.5926, 0.8519, 0.8889,
    ]
    for (got, want) in zip(plan.global.fractionWithinTolerance, paperLoss) {
      #expect(abs(got - want) < 1e-4)
    }
    for (got, us) in zip(
      plan.global.normalizedPerformance, PaperTable1.microseconds)
    {
      #expect(abs(got - 35 / us) < 1e-12)
    }
    #expect(plan.layers.allSatisfy { $0.A?.split == 128 && $0.G == nil })
  }

  @Test func curvesThatDoNotCrossFallBackToClosestApproach() throws {
    let solver = try Self.paperSolver()
    let never = (0..<10).map {
      Self.factor("l\($0)", withinFrom: 99, count: 9)
    }
    let global = solver.globalChoice(never)
    #expect(global.intersection == nil)
    // Fractions are 0; performance is smallest (closest) at 2048.
    #expect(global.split == 2048)
  }

  @Test func crossingInterpolatesLinearly() {
    let point = Solver.crossing(
      x: [10, 20, 30], rising: [0, 0.2, 0.6], falling: [1, 0.6, 0.2])
    // gap −1, −0.4, 0.4: crosses halfway between 20 and 30 at 0.4.
    #expect(point == Plan.Point(dim: 25, value: 0.4))
    #expect(
      Solver.crossing(x: [1, 2], rising: [0, 0], falling: [1, 1]) == nil)
  }

  @Test func costModelMatchesHandComputedValues() throws {
    let model = try InversionCostModel(profile: PaperTable1.profile())
    #expect(model.time(forDimension: 128) == 212)
    #expect(model.time(forDimension: 0) == 0)
    // Linear between 128 (212 µs) and 256 (534 µs).
    #expect(model.time(forDimension: 192) == (212 + 534) / 2)
    // n³ above the largest profiled dimension.
    #expect(model.time(forDimension: 4096) == 9824 * 8)
    // d = 4608 at s = 2048: two blocks of 2048 and one of 512.
    #expect(model.cost(dimension: 4608, split: 2048) == 2 * 9824 + 1418)
    // d = 576 at s = 128: four of 128 and one of 64.
    #expect(model.cost(dimension: 576, split: 128) == 4 * 212 + 121)
    // s ≥ d: no split, t(96) halfway between 64 and 128.
    #expect(model.cost(dimension: 96, split: 128) == 166.5)
    // d mod s between profiled dims: 1000 = 7·128 + 104, t(104) linear.
    let t104 = 121 + (212 - 121) * 40.0 / 64
    #expect(
      abs(model.cost(dimension: 1000, split: 128) - (7 * 212 + t104))
        < 1e-9)
  }

  @Test func perLayerTakesTheCheapestSplitWithinTolerance() throws {
    let solver = try Self.paperSolver()
    let f = Self.factor("conv", dim: 576, withinFrom: 6, count: 9)
    let choice = solver.perLayerChoice(f)
    // Within tolerance from 512 on. Candidates ≥ 576 mean no split:
    // t(576) = 1418 + (3738 − 1418)·64/512 = 1708; 512 costs
    // t(512) + t(64) = 1418 + 121 = 1539, the cheaper.
    #expect(choice.split == 512)
    #expect(choice.costMicroseconds == 1539)
    #expect(choice.loss == 0.001 || abs(choice.loss - 0.001) < 1e-12)
    // Within tolerance from 32 on: 18·83 = 1494 at 32, 9·121 = 1089 at
    // 64, 4·212 + 121 = 969 at 128, 2·534 + 121 = 1189 at 256.
    let finer = solver.perLayerChoice(
      Self.factor("conv", dim: 576, withinFrom: 2, count: 9))
    #expect(finer.split == 128 && finer.costMicroseconds == 969)
    // Nothing within tolerance: no split at loss 0.
    let none = solver.perLayerChoice(
      Self.factor("fc", dim: 300, withinFrom: 99, count: 9))
    #expect(none.split == 300 && none.loss == 0)
    #expect(none.costMicroseconds == solver.costModel.time(forDimension: 300))
  }

  @Test func totalsSumTheChoices() throws {
    let solver = try Self.paperSolver()
    let factors = [
      Self.factor("a", .a, dim: 4608, withinFrom: 3, count: 9),
      Self.factor("a", .g, dim: 64, withinFrom: 0, count: 9),
      Self.factor("b", .a, dim: 2304, withinFrom: 8, count: 9),
    ]
    let plan = solver.plan(
      for: factors, strategy: .perLayer, provenance: Self.provenance)
    let model = solver.costModel
    #expect(plan.layers.map(\.name) == ["a", "b"])
    #expect(plan.layers[0].G != nil && plan.layers[1].G == nil)
    let noSplit = [4608, 64, 2304].map { model.time(forDimension: $0) }
    #expect(plan.totals.noSplitMicroseconds == noSplit.reduce(0, +))
    let perLayer = plan.layers.flatMap { [$0.A, $0.G] }.compactMap { $0 }
    #expect(
      plan.totals.perLayerMicroseconds
        == perLayer.map(\.costMicroseconds).reduce(0, +))
    #expect(abs(plan.totals.perLayerWorstLoss - 0.001) < 1e-12)
    let g = plan.global.split
    let globalCost = [4608, 64, 2304].map {
      model.cost(dimension: $0, split: g)
    }
    #expect(plan.totals.globalMicroseconds == globalCost.reduce(0, +))
  }

  @Test func rejectsBadInputs() throws {
    let model = try InversionCostModel(profile: PaperTable1.profile())
    #expect(throws: SolverError.noCandidates) {
      try Solver(candidates: [], tolerance: 0.01, costModel: model)
    }
    #expect(throws: SolverError.invalidCandidates([16, 8])) {
      try Solver(candidates: [16, 8], tolerance: 0.01, costModel: model)
    }
    #expect(throws: SolverError.invalidTolerance(2)) {
      try Solver(candidates: [8], tolerance: 2, costModel: model)
    }
  }
}
