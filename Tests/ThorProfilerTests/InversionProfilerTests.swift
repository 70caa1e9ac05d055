import Testing
import ThorFormats
import ThorLinalg

@testable import ThorProfiler

@Suite("Inversion profiler") struct InversionProfilerTests {
  func configuration(
    _ dims: [Int], _ method: InversionMethod = .cholesky,
    _ precision: Precision = .float64, repeats: Int = 50
  ) -> InversionProfiler.Configuration {
    .init(
      dims: dims, method: method, precision: precision, minTime: 0,
      maxRepeats: repeats, warmup: 1, seed: 3)
  }

  @Test func summaryMatchesNumpyPercentiles() {
    // numpy: median([5,1,4,2,3]) = 3, percentile(..., 90) = 4.6
    let odd = TimingSummary(samples: [5, 1, 4, 2, 3])
    #expect(odd.median == 3 && odd.min == 1)
    #expect(abs(odd.p90 - 4.6) < 1e-12)
    // numpy: median([4,1,3,2]) = 2.5, percentile(..., 90) = 3.7
    let even = TimingSummary(samples: [4, 1, 3, 2])
    #expect(even.median == 2.5)
    #expect(abs(even.p90 - 3.7) < 1e-12)
    #expect(TimingSummary(samples: [7]).p90 == 7)
  }

  @Test func generatorIsSplitMix64() {
    // Reference outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
    var g = SplitMix64(seed: 0)
    #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
  }

  @Test func testMatricesAreWellConditionedSPD() throws {
    var g = SplitMix64(seed: 1)
    let a = Matrix<Double>.randomSPD(40, using: &g)
    #expect(a.relativeAsymmetry() == 0)
    let eigenvalues = try a.symmetricEigenvalues()
    #expect(eigenvalues.min()! >= 1 - 1e-12)
    #expect(eigenvalues.max()! <= 3)
  }

  @Test(arguments: InversionMethod.allCases, Precision.allCases)
  func everyMethodPassesItsCheck(
    method: InversionMethod, precision: Precision
  ) throws {
    let profiler = InversionProfiler(
      configuration([1, 5, 33], method, precision))
    var events: [Int] = []
    let results = try profiler.run { event in
      if case .measuring(let dim, _, _) = event { events.append(dim) }
    }
    #expect(events == [1, 5, 33])
    #expect(results.map(\.dim) == [1, 5, 33])
    for r in results {
      #expect(r.repeats == InversionProfiler.minimumRuns)
      #expect(r.minMicroseconds > 0)
      #expect(r.minMicroseconds <= r.medianMicroseconds)
      #expect(r.medianMicroseconds <= r.p90Microseconds)
    }
  }

  @Test func repeatsBoundTheRuns() throws {
    let results = try InversionProfiler(configuration([4], repeats: 2)).run()
    #expect(results[0].repeats == 2)
  }

  @Test func minTimeAddsRuns() throws {
    var config = configuration([2], repeats: 1_000_000)
    config.minTime = 0.002
    let r = try InversionProfiler(config).run()[0]
    // Each run takes well under 2 ms / 5, so more than 5 runs are needed,
    // and the time, not the bound on runs, ends the loop.
    #expect(r.repeats > InversionProfiler.minimumRuns)
    #expect(r.repeats < 1_000_000)
  }

  @Test func blocksPerRunFollowTheFactorDimension() {
    var config = configuration([1])
    config.factorDimension = 64
    let profiler = InversionProfiler(config)
    #expect(
      [1, 5, 32, 33, 100].map(profiler.blocks(forDimension:))
        == [64, 12, 2, 1, 1])
  }

  @Test(arguments: BlockInversionPath.allCases, Precision.allCases)
  func everyPathPassesItsCheck(path: BlockInversionPath, precision: Precision)
    throws
  {
    var config = configuration([1, 3, 16, 70], .cholesky, precision)
    config.path = path
    config.factorDimension = 96
    let results = try InversionProfiler(config).run()
    #expect(results.map(\.dim) == [1, 3, 16, 70])
    #expect(results.allSatisfy { $0.minMicroseconds > 0 })
  }

  @Test func wrongBlockInverseIsCaught() throws {
    var g = SplitMix64(seed: 2)
    let a = BlockDiagonalMatrix<Double>(dimension: 12, split: 6) { _ in
      Matrix<Double>.randomSPD(6, using: &g)
    }
    var inverse = a
    try inverse.invert(method: .cholesky, path: .lapack)
    let profiler = InversionProfiler(configuration([6]))
    try profiler.check(a, inverse: inverse)
    // Spoil the second block only: its (0, 0) element.
    let spoiled = BlockDiagonalMatrix<Double>(dimension: 12, split: 6) {
      range in
      var block = inverse.block(range.lowerBound / 6)
      if range.lowerBound > 0 { block[0, 0] *= 1.5 }
      return block
    }
    #expect(throws: MeasurementError.self) {
      try profiler.check(a, inverse: spoiled)
    }
  }
}
