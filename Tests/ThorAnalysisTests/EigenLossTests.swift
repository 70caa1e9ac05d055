import Testing
import ThorLinalg

@testable import ThorAnalysis

@Suite("Eq. 11 losses") struct EigenLossTests {
  /// Small BLAS calls run fastest, and steadiest on a loaded machine, on
  /// one thread (the analyser sets the same for its workers).
  init() { OpenBLAS.setThreads(1) }

  static let candidates = [1, 7, 16, 32, 50, 64, 100, 128, 256, 512]

  /// Small dense limits force Lanczos onto most blocks.
  static let analysers = [
    EigenLoss(denseLimit: 8), EigenLoss(denseLimit: 40), EigenLoss(),
  ]

  @Test(arguments: [(300, 1), (233, 2), (97, 3)])
  func matchesDenseReference(d: Int, seed: UInt64) throws {
    let a = TestFactors.covariance(d, samples: 2 * d, seed: seed)
    let expected = try TestFactors.denseLosses(a, candidates: Self.candidates)
    for analyser in Self.analysers {
      let result = try analyser.losses(of: a, candidates: Self.candidates)
      let losses = try #require(result.losses)
      for (got, want) in zip(losses, expected) {
        #expect(abs(got - want) <= 1e-6, "limit \(analyser.denseLimit)")
      }
    }
  }

  @Test func nearBlockStructureMatchesDenseReference() throws {
    let blocks = TestFactors.blockDiagonal(260, block: 64, seed: 9)
    let noise = TestFactors.covariance(260, samples: 300, seed: 10)
    let a = Matrix<Double>(rows: 260, columns: 260) {
      blocks[$0, $1] + 0.01 * noise[$0, $1]
    }
    let expected = try TestFactors.denseLosses(a, candidates: Self.candidates)
    let losses = try #require(
      try EigenLoss(denseLimit: 20).losses(of: a, candidates: Self.candidates)
        .losses)
    for (got, want) in zip(losses, expected) {
      #expect(abs(got - want) <= 1e-6)
    }
  }

  @Test(arguments: [(200, 40), (210, 40), (150, 25)])
  func exactlyBlockDiagonalHasNoLossAtMultiples(d: Int, s: Int) throws {
    let a = TestFactors.blockDiagonal(d, block: s, seed: 4)
    let multiples = [s, 2 * s, 3 * s, d + 1]
    for analyser in Self.analysers {
      let losses = try #require(
        try analyser.losses(of: a, candidates: multiples).losses)
      for loss in losses { #expect(abs(loss) <= 1e-9) }
    }
    let finer = try #require(
      try EigenLoss(denseLimit: 8).losses(of: a, candidates: [s / 2]).losses)
    #expect(finer[0] > 1e-3)
  }

  @Test func rankOneHasClosedForm() throws {
    var rng = SplitMix64(seed: 21)
    let d = 347
    let v = (0..<d).map { j in rng.uniform() * (1 + Double(j % 50) / 10) }
    let a = Matrix<Double>(rows: d, columns: d) { v[$0] * v[$1] }
    let total = v.reduce(0) { $0 + $1 * $1 }
    for analyser in Self.analysers {
      let losses = try #require(
        try analyser.losses(of: a, candidates: Self.candidates).losses)
      for (s, loss) in zip(Self.candidates, losses) {
        let blocks = BlockPartition(dimension: d, split: s).ranges.map {
          v[$0].reduce(0) { $0 + $1 * $1 }
        }
        #expect(abs(loss - (1 - blocks.max()! / total)) <= 1e-6)
      }
    }
  }

  @Test func allZeroFactorHasNoLoss() throws {
    let result = try EigenLoss().losses(
      of: Matrix(rows: 200, columns: 200), candidates: [16, 64])
    #expect(result.isZero)
    #expect(result.losses == nil)
  }
}
