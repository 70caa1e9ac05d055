import Foundation
import Testing
import ThorAnalysis
import ThorFormats
import ThorProfiler

@testable import ThorSolver

/// The training-time model against totals computed by hand.
@Suite("Training cost model") struct TrainingCostModelTests {
  /// Inversion `t(1) = 1, t(4) = 10, t(8) = 50` µs. Products per block:
  /// `A` at other 10: 0.5, 2, 6; at other 20: 1, 4, 12; `G` at other 10:
  /// 1, 3, 9 (dims 1, 4, 8).
  static func profile() -> HardwareProfile {
    func result(_ dim: Int, _ us: Double) -> HardwareProfile.Result {
      .init(
        dim: dim, medianMicroseconds: us, minMicroseconds: us,
        p90Microseconds: us, repeats: 1, gflops: 0)
    }
    func product(
      _ side: HardwareProfile.ProductSide, _ dim: Int, _ other: Int,
      _ us: Double
    ) -> HardwareProfile.Product {
      .init(
        factor: side, dim: dim, other: other, medianMicroseconds: us,
        minMicroseconds: us, p90Microseconds: us, repeats: 1)
    }
    return HardwareProfile(
      machine: .init(cpu: "test", cores: 1, blas: "-", threads: 1, os: "-"),
      method: .cholesky, dtype: .float32, options: [:],
      created: "2026-01-01T00:00:00Z",
      results: [result(1, 1), result(4, 10), result(8, 50)],
      products: [
        product(.a, 1, 10, 0.5), product(.a, 4, 10, 2), product(.a, 8, 10, 6),
        product(.a, 1, 20, 1), product(.a, 4, 20, 4), product(.a, 8, 20, 12),
        product(.g, 1, 10, 1), product(.g, 4, 10, 3), product(.g, 8, 10, 9),
      ])
  }

  /// 10 steps an epoch with 4 and 2 inverse updates: 3 a mean epoch.
  static let schedule = TrainingSchedule(
    stepsPerEpoch: 10, updatesPerEpoch: [4, 2])

  static func model() throws -> TrainingCostModel {
    TrainingCostModel(
      inversion: try InversionCostModel(profile: profile()),
      schedule: schedule)
  }

  @Test func meanUpdates() {
    #expect(Self.schedule.meanUpdatesPerEpoch == 3)
  }

  @Test func productsAndInversionsByHand() throws {
    let model = try Self.model()
    #expect(model.pricesProducts)
    // d = 8, s = 4, other 15: p(4, 15) = (2 + 4)/2 = 3 per block, 2
    // blocks, 10 steps: 60 µs; inversions 2·t(4) = 20 µs, 3 updates: 60.
    let split4 = model.cost(side: .a, dimension: 8, split: 4, other: 15)
    #expect(abs(split4.products - 60e-6) < 1e-15)
    #expect(abs(split4.inversions - 60e-6) < 1e-15)
    // s = 3: p(3, 15) = (1.5 + 3)/2 = 2.25, remainder p(2, 15) =
    // (1 + 2)/2 = 1.5, per step 2·2.25 + 1.5 = 6; inversions
    // 2·t(3) + t(2) = 2·7 + 4 = 18 per update.
    let split3 = model.cost(side: .a, dimension: 8, split: 3, other: 15)
    #expect(abs(split3.products - 60e-6) < 1e-15)
    #expect(abs(split3.inversions - 54e-6) < 1e-15)
    // No split of d = 16: p(16) = 9·(16/8)² = 36 at other 15 (A), t(16) =
    // 50·2³ = 400.
    let whole = model.cost(side: .a, dimension: 16, split: 32, other: 15)
    #expect(abs(whole.products - 360e-6) < 1e-15)
    #expect(abs(whole.inversions - 1200e-6) < 1e-15)
    // Other dimensions beyond the profiled ones: proportional above (4·40/20
    // = 8), the smallest's time below; G uses its own rows.
    let wide = model.cost(side: .a, dimension: 4, split: 4, other: 40)
    #expect(abs(wide.products - 80e-6) < 1e-15)
    let narrow = model.cost(side: .g, dimension: 4, split: 4, other: 5)
    #expect(abs(narrow.products - 30e-6) < 1e-15)
  }

  @Test func versionOneProfilesPriceInversionsOnly() throws {
    var profile = Self.profile()
    profile.products = nil
    let model = TrainingCostModel(
      inversion: try InversionCostModel(profile: profile),
      schedule: Self.schedule)
    #expect(!model.pricesProducts)
    let cost = model.cost(side: .a, dimension: 8, split: 4, other: 15)
    #expect(cost.products == 0 && abs(cost.inversions - 60e-6) < 1e-15)
  }

  /// A factor of dimension 8 (other 15) with the given update changes at
  /// candidates 1, 3, 4.
  static func factor(changes: [Double]) -> FactorAnalysis {
    FactorAnalysis(
      layer: "fc", kind: .a,
      losses: SplitLosses(
        dimension: 8, spectralNorm: 1, blockNorms: [0.5, 0.6, 0.7]),
      changes: .init(directions: changes, gradients: changes))
  }

  @Test func perLayerTakesTheCheapestSplitWithinTheBudget() throws {
    let solver = try Solver(
      candidates: [1, 3, 4],
      tolerance: 0.01, costModel: InversionCostModel(profile: Self.profile()),
      schedule: Self.schedule, updateBudget: 0.2)
    // Seconds per epoch (other 8: the A factor's layer has no G here, so
    // its own dimension, priced as the smallest profiled other, 10):
    // s = 1: products 8·0.5·10 = 40 µs, inversions 8·t(1)·3 = 24 → 64;
    // s = 3: (2·1.5 + 1)·10 = 40 and 18·3 = 54 → 94; s = 4: 2·2·10 = 40
    // and 2·10·3 = 60 → 100; no split: 6·10 + 50·3 = 210.
    let cheap = solver.perLayerChoice(Self.factor(changes: [0.1, 0.1, 0.1]))
    #expect(cheap.split == 1)
    #expect(abs(cheap.epochSeconds!.total - 64e-6) < 1e-15)
    // s = 1 over budget: s = 3 (94) beats s = 4 (100).
    let mid = solver.perLayerChoice(Self.factor(changes: [0.5, 0.1, 0.2]))
    #expect(mid.split == 3 && mid.updateChange == 0.1)
    #expect(abs(mid.epochSeconds!.total - 94e-6) < 1e-15)
    // s = 3 over budget too: s = 4.
    let four = solver.perLayerChoice(Self.factor(changes: [0.5, 0.3, 0.2]))
    #expect(four.split == 4 && four.updateChange == 0.2)
    // Nothing within budget: no split, change 0.
    let none = solver.perLayerChoice(Self.factor(changes: [0.5, 0.5, 0.5]))
    #expect(none.split == 8 && none.updateChange == 0)
    #expect(abs(none.epochSeconds!.total - 210e-6) < 1e-15)
    // Eq. 11 admits nothing here (every loss is far above 1%).
    let eq11 = solver.perLayerChoice(
      Self.factor(changes: [0, 0, 0]), rule: .eq11)
    #expect(eq11.split == 8)
  }
}
