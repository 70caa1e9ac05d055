import ThorFormats
import ThorLinalg

/// Times what the trainer pays every step to apply a split factor: the
/// block-diagonal products of `(G + γI)⁻¹ ∇W (A + γI)⁻¹`, through the code
/// the trainer runs (``BlockDiagonalMatrix/rightMultiply(_:rows:ld:path:)``
/// for `A`, ``BlockDiagonalMatrix/leftMultiply(_:columns:ld:path:)`` for
/// `G`).
///
/// Per block size `s` and other dimension `m`, one run applies
/// `k = max(1, factorDimension / s)` blocks of size `s` to a gradient with
/// `m` rows (`A`) or columns (`G`), as the trainer does for a factor of
/// dimension `factorDimension` split at `s`; times are per block (the
/// run's time divided by `k`). The gradient is restored by a copy outside
/// the timed region before each run. Runs are timed until `minTime`
/// seconds have accumulated (at least ``InversionProfiler/minimumRuns``),
/// at most `maxRepeats`, after `warmup` untimed runs.
package struct ProductProfiler: Sendable {
  /// What to measure and how long.
  package struct Configuration: Sendable, Equatable {
    /// Block sizes `s`.
    package var dims: [Int]
    /// The gradients' other dimensions `m`.
    package var others: [Int]
    /// Float (as the trainer) or Double.
    package var precision: Precision
    /// The factor dimension whose blocks one run applies together.
    package var factorDimension: Int
    /// Seconds of timed runs to accumulate per measurement.
    package var minTime: Double
    /// The most timed runs per measurement.
    package var maxRepeats: Int
    /// Untimed runs first.
    package var warmup: Int
    /// Seed of the test matrices.
    package var seed: UInt64

    /// Creates a configuration.
    package init(
      dims: [Int], others: [Int], precision: Precision,
      factorDimension: Int, minTime: Double, maxRepeats: Int, warmup: Int,
      seed: UInt64
    ) {
      precondition(dims.allSatisfy { $0 > 0 } && others.allSatisfy { $0 > 0 })
      precondition(factorDimension > 0 && maxRepeats > 0 && warmup >= 0)
      self.dims = dims
      self.others = others
      self.precision = precision
      self.factorDimension = factorDimension
      self.minTime = minTime
      self.maxRepeats = maxRepeats
      self.warmup = warmup
      self.seed = seed
    }
  }

  /// The configuration.
  package let configuration: Configuration

  /// Creates a profiler.
  package init(_ configuration: Configuration) {
    self.configuration = configuration
  }

  /// The measurements in order: for each side, each other dimension,
  /// each block size.
  package var count: Int {
    2 * configuration.others.count * configuration.dims.count
  }

  /// Times every side, other dimension and block size; `progress` gets
  /// the 0-based index of the measurement about to start.
  package func run(progress: (Int) -> Void = { _ in })
    -> [HardwareProfile.Product]
  {
    var results: [HardwareProfile.Product] = []
    for side in HardwareProfile.ProductSide.allCases {
      for other in configuration.others {
        for dim in configuration.dims {
          progress(results.count)
          let product =
            switch configuration.precision {
            case .float32: measure(side, dim, other, as: Float.self)
            case .float64: measure(side, dim, other, as: Double.self)
            }
          results.append(product)
        }
      }
    }
    return results
  }

  /// Times one side, block size and other dimension.
  func measure<Scalar: LinalgScalar>(
    _ side: HardwareProfile.ProductSide, _ s: Int, _ m: Int,
    as: Scalar.Type
  ) -> HardwareProfile.Product {
    var generator = SplitMix64(
      seed: configuration.seed ^ (UInt64(s) &* 0x9E37_79B9_7F4A_7C15)
        ^ UInt64(m))
    let k = Swift.max(1, configuration.factorDimension / s)
    let blocks = BlockDiagonalMatrix<Scalar>(dimension: k * s, split: s) {
      _ in Matrix<Scalar>.randomSPD(s, using: &generator)
    }
    let original = (0..<k * s * m).map { _ in
      Scalar(generator.nextUnit() - 0.5)
    }
    var gradient = original
    func apply() {
      gradient.withUnsafeMutableBufferPointer { x in
        switch side {
        case .a: blocks.rightMultiply(x.baseAddress!, rows: m, ld: m)
        case .g: blocks.leftMultiply(x.baseAddress!, columns: m, ld: k * s)
        }
      }
    }
    for _ in 0..<configuration.warmup { apply() }
    let samples = TimedRuns.samples(
      minTime: configuration.minTime, maxRepeats: configuration.maxRepeats,
      perRun: k,
      restore: {
        gradient.withUnsafeMutableBufferPointer { x in
          original.withUnsafeBufferPointer {
            x.baseAddress!.update(from: $0.baseAddress!, count: $0.count)
          }
        }
      }, run: apply)
    let summary = TimingSummary(samples: samples)
    return HardwareProfile.Product(
      factor: side, dim: s, other: m,
      medianMicroseconds: InversionProfiler.rounded(summary.median, 1e3),
      minMicroseconds: InversionProfiler.rounded(summary.min, 1e3),
      p90Microseconds: InversionProfiler.rounded(summary.p90, 1e3),
      repeats: samples.count)
  }
}
