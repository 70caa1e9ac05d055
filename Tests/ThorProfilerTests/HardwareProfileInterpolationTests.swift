import Testing
import ThorFormats

@testable import ThorProfiler

@Suite("Profile interpolation") struct HardwareProfileInterpolationTests {
  /// A profile with the given (dim, median µs) pairs.
  func profile(_ points: [(Int, Double)]) -> HardwareProfile {
    HardwareProfile(
      machine: .init(cpu: "c", cores: 1, blas: "b", threads: 1, os: "o"),
      method: .cholesky, dtype: .float32, options: [:], created: "",
      results: points.map {
        .init(
          dim: $0.0, medianMicroseconds: $0.1, minMicroseconds: $0.1,
          p90Microseconds: $0.1, repeats: 1, gflops: 0)
      })
  }

  @Test func exactDimensionsGiveTheirMedian() {
    let p = profile([(16, 59), (32, 83), (64, 121)])
    #expect(p.time(forDimension: 32) == 83)
    #expect(p.time(forDimension: 64) == 121)
  }

  @Test func betweenDimensionsInterpolatesLinearly() {
    let p = profile([(64, 121), (128, 212)])
    // 121 + (100 - 64) / 64 * (212 - 121) = 121 + 51.1875
    #expect(abs(p.time(forDimension: 100) - 172.1875) < 1e-12)
    #expect(abs(p.time(forDimension: 96) - 166.5) < 1e-12)
  }

  @Test func belowFirstTakesFirstAndZeroCostsNothing() {
    let p = profile([(16, 59), (32, 83)])
    #expect(p.time(forDimension: 8) == 59)
    #expect(p.time(forDimension: 1) == 59)
    #expect(p.time(forDimension: 0) == 0)
  }

  @Test func beyondLastScalesCubically() {
    let p = profile([(1024, 3738), (2048, 9824)])
    #expect(p.time(forDimension: 4096) == 9824 * 8)
    #expect(abs(p.time(forDimension: 3072) - 9824 * 3.375) < 1e-9)
  }
}
