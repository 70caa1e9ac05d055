import ThorFormats
import ThorLinalg

/// Times the inversion of symmetric positive-definite matrices at each
/// candidate split dimension, through the code the trainer runs:
/// ``BlockDiagonalMatrix/invert(method:path:)`` (LAPACK `potrf` + `potri`,
/// `getrf` + `getri` or `syevd` per block, or the batched Cholesky kernel
/// for small blocks).
///
/// Per dimension `n`, one run inverts `k = max(1, factorDimension / n)`
/// blocks of size `n` together, as the trainer inverts a factor of
/// dimension `factorDimension` split at `n`, and every reported time is
/// per block (the run's time divided by `k`). With `factorDimension` 1 a
/// run is one `n x n` inversion. The blocks are random SPD matrices
/// `XᵀX/n + I` from the seed. One run's result is checked
/// (`max |B·B⁻¹ − I|` over the blocks); `warmup` runs are untimed; then
/// runs are timed until `minTime` seconds have accumulated (and at least
/// ``minimumRuns``), at most `maxRepeats`. Before each run the input is
/// restored with a plain copy outside the timed region, so each timing
/// (``ContinuousClock``) holds the inversion only. The OpenBLAS thread
/// count is the caller's to set.
package struct InversionProfiler: Sendable {
  /// The fewest timed runs per dimension, whatever `minTime` says (unless
  /// `maxRepeats` is smaller).
  package static let minimumRuns = 5

  /// The configuration.
  package let configuration: Configuration

  /// Creates a profiler.
  package init(_ configuration: Configuration) {
    self.configuration = configuration
  }

  /// Times every dimension in order.
  /// - Throws: ``MeasurementError`` for the first dimension whose inversion
  ///   fails or gives a wrong inverse.
  package func run(progress: (Event) -> Void = { _ in })
    throws(MeasurementError) -> [HardwareProfile.Result]
  {
    var results: [HardwareProfile.Result] = []
    for (index, dim) in configuration.dims.enumerated() {
      progress(
        .measuring(
          dim: dim, index: index,
          count: configuration.dims.count))
      let result =
        switch configuration.precision {
        case .float32: try measure(dim, as: Float.self)
        case .float64: try measure(dim, as: Double.self)
        }
      results.append(result)
      progress(.measured(result))
    }
    return results
  }

  /// The number of blocks of size `n` one run inverts.
  package func blocks(forDimension n: Int) -> Int {
    Swift.max(1, configuration.factorDimension / n)
  }

  /// Times one dimension.
  func measure<Scalar: LinalgScalar>(_ n: Int, as: Scalar.Type)
    throws(MeasurementError) -> HardwareProfile.Result
  {
    var generator = SplitMix64(
      seed: configuration.seed ^ (UInt64(n) &* 0x9E37_79B9_7F4A_7C15))
    let k = blocks(forDimension: n)
    let original = BlockDiagonalMatrix<Scalar>(dimension: k * n, split: n) {
      _ in Matrix<Scalar>.randomSPD(n, using: &generator)
    }
    var work = original
    func invertWork() throws(MeasurementError) {
      do {
        try work.invert(method: configuration.method, path: configuration.path)
      } catch {
        throw .inversionFailed(dim: n, error: error)
      }
    }
    try invertWork()  // also makes `work` own its storage
    try check(original, inverse: work)
    for _ in 0..<configuration.warmup {
      work.copyBlocks(from: original)
      try invertWork()
    }

    let samples = try TimedRuns.samples(
      minTime: configuration.minTime, maxRepeats: configuration.maxRepeats,
      perRun: k, restore: { work.copyBlocks(from: original) },
      run: invertWork)
    let summary = TimingSummary(samples: samples)
    let flops = Double(n) * Double(n) * Double(n)
    return HardwareProfile.Result(
      dim: n, medianMicroseconds: Self.rounded(summary.median, 1e3),
      minMicroseconds: Self.rounded(summary.min, 1e3),
      p90Microseconds: Self.rounded(summary.p90, 1e3), repeats: samples.count,
      gflops: Self.rounded(flops / (summary.median * 1e3), 1e6))
  }

  /// Checks `max |B·X − I| ≤ 50·n·ε` for every block `B` of `original`
  /// and its inverse `X` in `inverse` (upper triangles; the test blocks
  /// have condition number below 3).
  /// - Throws: ``MeasurementError/inaccurate(dim:method:residual:tolerance:)``.
  func check<Scalar: LinalgScalar>(
    _ original: BlockDiagonalMatrix<Scalar>,
    inverse: BlockDiagonalMatrix<Scalar>
  ) throws(MeasurementError) {
    var inverse = inverse
    inverse.completeLowerTriangles()
    let n = original.partition.split
    let tolerance = 50 * Double(n) * Double(Scalar.ulpOfOne)
    let identity = Matrix<Scalar>.identity(n)
    for j in 0..<original.partition.blockCount {
      let x = inverse.block(j)
      let residual =
        x.firstNonFinite() == nil
        ? Double((original.block(j) * x).maxAbsDifference(to: identity))
        : .nan
      guard residual <= tolerance else {
        throw .inaccurate(
          dim: n, method: configuration.method, residual: residual,
          tolerance: tolerance)
      }
    }
  }

  /// `value` rounded to a multiple of `1/scale` (times to nanoseconds:
  /// the clock resolves no finer).
  static func rounded(_ value: Double, _ scale: Double) -> Double {
    (value * scale).rounded() / scale
  }

  /// A duration in microseconds.
  static func microseconds(_ duration: Duration) -> Double {
    duration.inSeconds * 1e6
  }
}
