import ThorLinalg

/// Times the inversion of symmetric positive-definite matrices at each
/// candidate split dimension, exactly as the trainer inverts them
/// (``Inverter``: `potrf` + `potri`, `getrf` + `getri` or `syevd`).
///
/// Per dimension: one random SPD matrix `XᵀX/n + I` from the seed; one
/// inversion whose result is checked (`max |A·A⁻¹ − I|`); `warmup`
/// untimed inversions; then timed inversions until `minTime` seconds of
/// them have accumulated (and at least 5), at most `maxRepeats`. Before
/// each inversion the input is restored with a plain copy outside the
/// timed region, so each timing (``ContinuousClock``) holds the inversion
/// only. The OpenBLAS thread count is the caller's to set.
public struct InversionProfiler: Sendable {
  /// What to measure and how long.
  public struct Configuration: Sendable, Equatable {
    /// The dimensions to time, each positive.
    public var dims: [Int]
    /// The inversion method.
    public var method: InversionMethod
    /// Float or Double.
    public var precision: Precision
    /// Seconds of timed runs to accumulate per dimension.
    public var minTime: Double
    /// The most timed runs per dimension.
    public var maxRepeats: Int
    /// Untimed runs before timing each dimension.
    public var warmup: Int
    /// Seed of the test matrices.
    public var seed: UInt64

    /// Creates a configuration.
    public init(
      dims: [Int], method: InversionMethod, precision: Precision,
      minTime: Double, maxRepeats: Int, warmup: Int, seed: UInt64
    ) {
      precondition(dims.allSatisfy { $0 > 0 }, "dimensions must be positive")
      precondition(maxRepeats > 0 && warmup >= 0 && minTime >= 0)
      self.dims = dims
      self.method = method
      self.precision = precision
      self.minTime = minTime
      self.maxRepeats = maxRepeats
      self.warmup = warmup
      self.seed = seed
    }
  }

  /// Progress reports while profiling.
  public enum Event: Sendable {
    /// Dimension `dim` (number `index` of `count`, from 0) starts.
    case measuring(dim: Int, index: Int, count: Int)
    /// A dimension is done.
    case measured(HardwareProfile.Result)
  }

  /// The fewest timed runs per dimension, whatever `minTime` says (unless
  /// `maxRepeats` is smaller).
  public static let minimumRuns = 5

  /// The configuration.
  public let configuration: Configuration

  /// Creates a profiler.
  public init(_ configuration: Configuration) {
    self.configuration = configuration
  }

  /// Times every dimension in order.
  /// - Throws: ``ProfilerError`` for the first dimension whose inversion
  ///   fails or gives a wrong inverse.
  public func run(progress: (Event) -> Void = { _ in })
    throws(ProfilerError) -> [HardwareProfile.Result]
  {
    var results: [HardwareProfile.Result] = []
    for (index, dim) in configuration.dims.enumerated() {
      progress(.measuring(dim: dim, index: index,
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

  /// Times one dimension.
  func measure<Scalar: LinalgScalar>(_ n: Int, as: Scalar.Type)
    throws(ProfilerError) -> HardwareProfile.Result
  {
    var generator = SeededGenerator(
      seed: configuration.seed ^ (UInt64(n) &* 0x9E37_79B9_7F4A_7C15))
    let a = Matrix<Scalar>.randomSPD(n, using: &generator)
    let inverter = Inverter<Scalar>(
      method: configuration.method, maxDimension: n)
    let count = n * n
    let original = UnsafeMutablePointer<Scalar>.allocate(capacity: count)
    let work = UnsafeMutablePointer<Scalar>.allocate(capacity: count)
    defer {
      original.deallocate()
      work.deallocate()
    }
    a.withUnsafeElements { original.initialize(from: $0.baseAddress!,
      count: count) }
    work.initialize(from: original, count: count)

    func invertCopy() throws(ProfilerError) {
      do {
        try inverter.invert(work, n: n, lda: n)
      } catch {
        throw .inversionFailed(dim: n, error: error)
      }
    }
    try invertCopy()
    try check(a, inverse: work)
    for _ in 0..<configuration.warmup {
      work.update(from: original, count: count)
      try invertCopy()
    }

    let limit = configuration.maxRepeats
    let atLeast = Swift.min(Self.minimumRuns, limit)
    var samples: [Double] = []
    samples.reserveCapacity(Swift.min(limit, 1 << 16))
    var total = 0.0
    let clock = ContinuousClock()
    while samples.count < limit
      && (total < configuration.minTime * 1e6 || samples.count < atLeast)
    {
      work.update(from: original, count: count)
      let start = clock.now
      try invertCopy()
      let elapsed = Self.microseconds(start.duration(to: clock.now))
      samples.append(elapsed)
      total += elapsed
    }
    let summary = TimingSummary(samples: samples)
    let flops = Double(n) * Double(n) * Double(n)
    return HardwareProfile.Result(
      dim: n, medianMicroseconds: Self.rounded(summary.median, 1e3),
      minMicroseconds: Self.rounded(summary.min, 1e3),
      p90Microseconds: Self.rounded(summary.p90, 1e3), repeats: samples.count,
      gflops: Self.rounded(flops / (summary.median * 1e3), 1e6))
  }

  /// Checks `max |A·X − I| ≤ 50·n·ε` for the inverse `X` in `inverse`
  /// (upper triangle; the test matrices have condition number below 3).
  /// - Throws: ``ProfilerError/inaccurate(dim:method:residual:tolerance:)``.
  func check<Scalar: LinalgScalar>(
    _ a: Matrix<Scalar>, inverse: UnsafePointer<Scalar>
  ) throws(ProfilerError) {
    let n = a.rows
    var x = Matrix<Scalar>(
      rows: n, columns: n,
      columnMajor: Array(UnsafeBufferPointer(start: inverse, count: n * n)))
    x.mirrorUpperToLower()
    let product = a * x
    let residual = Double(product.maxAbsDifference(to: .identity(n)))
    let tolerance = 50 * Double(n) * Double(Scalar.ulpOfOne)
    guard x.firstNonFinite() == nil, residual <= tolerance else {
      throw .inaccurate(
        dim: n, method: configuration.method,
        residual: x.firstNonFinite() == nil ? residual : .nan,
        tolerance: tolerance)
    }
  }

  /// `value` rounded to a multiple of `1/scale` (times to nanoseconds:
  /// the clock resolves no finer).
  static func rounded(_ value: Double, _ scale: Double) -> Double {
    (value * scale).rounded() / scale
  }

  /// A duration in microseconds.
  static func microseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1e6 + Double(attoseconds) * 1e-12
  }
}
