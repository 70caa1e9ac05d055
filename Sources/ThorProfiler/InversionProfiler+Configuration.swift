import ThorFormats
import ThorLinalg

extension InversionProfiler {
  /// What to measure and how long.
  package struct Configuration: Sendable, Equatable {
    /// The dimensions to time, each positive.
    package var dims: [Int]
    /// The inversion method.
    package var method: InversionMethod
    /// Float or Double.
    package var precision: Precision
    /// How blocks are inverted (`.automatic`: as the trainer does).
    package var path: BlockInversionPath
    /// The factor dimension whose blocks one run inverts together; 1 times
    /// single matrices.
    package var factorDimension: Int
    /// Seconds of timed runs to accumulate per dimension.
    package var minTime: Double
    /// The most timed runs per dimension.
    package var maxRepeats: Int
    /// Untimed runs before timing each dimension.
    package var warmup: Int
    /// Seed of the test matrices.
    package var seed: UInt64

    /// Creates a configuration.
    package init(
      dims: [Int], method: InversionMethod, precision: Precision,
      path: BlockInversionPath = .automatic, factorDimension: Int = 1,
      minTime: Double, maxRepeats: Int, warmup: Int, seed: UInt64
    ) {
      precondition(dims.allSatisfy { $0 > 0 }, "dimensions must be positive")
      precondition(factorDimension > 0, "factor dimension must be positive")
      precondition(maxRepeats > 0 && warmup >= 0 && minTime >= 0)
      self.dims = dims
      self.method = method
      self.precision = precision
      self.path = path
      self.factorDimension = factorDimension
      self.minTime = minTime
      self.maxRepeats = maxRepeats
      self.warmup = warmup
      self.seed = seed
    }
  }

  /// Progress reports while profiling.
  package enum Event: Sendable {
    /// Dimension `dim` (number `index` of `count`, from 0) starts.
    case measuring(dim: Int, index: Int, count: Int)
    /// A dimension is done.
    case measured(HardwareProfile.Result)
  }
}
