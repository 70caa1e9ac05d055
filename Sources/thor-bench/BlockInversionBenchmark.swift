import Foundation
import ThorLinalg
import ThorProfiler
import ThorReports
import ThorTuneCLI

/// `thor-bench block-inversion`: inverting a block-diagonal factor with one
/// LAPACK `potrf` + `potri` call per block against the batched SIMD
/// Cholesky kernel, at each dimension and split, in one run.
struct BlockInversionBenchmark: Command {
  static let name = "block-inversion"
  static let abstract =
    "Time block-diagonal inversion: one LAPACK call per block vs the "
    + "batched kernel."
  static let discussion = """
    Each row times the inversion of a whole factor of dimension d split at \
    s (all blocks, the remainder included) by both paths, alternating them \
    repeat by repeat, and reports the medians. The input is restored by a \
    plain copy outside the timed region. 'max rel diff' is the largest \
    difference between the two results relative to the largest element \
    (checked once, untimed); 'auto' is the path BlockDiagonalMatrix.invert \
    takes by default, which the trainer and profiler run.
    """

  static var options: [OptionSpec] {
    BlockBenchmarkOptions.specs(
      dims: [1024, 2304, 4608], splits: [1, 2, 4, 8, 16, 32, 64], repeats: 21,
      extra: .value(
        "seed", as: UInt64.self, help: "Seed of the random blocks.",
        default: 1))
  }

  let options: BlockBenchmarkOptions
  let seed: UInt64

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    options = try BlockBenchmarkOptions(arguments)
    seed = try arguments.value("seed", as: UInt64.self)
  }

  func run() throws {
    StandardOutput.write(options.start(Self.name, "seed \(seed)"))
    var table = TextTable(
      headers: [
        "dtype", "d", "s", "blocks", "lapack µs", "kernel µs", "speed-up",
        "max rel diff", "auto",
      ],
      alignments: [.left] + Array(repeating: .right, count: 7) + [.left])
    try options.measureAll(into: &table) { precision, d, s in
      precision == .float32
        ? try measure(Float.self, d: d, s: s)
        : try measure(Double.self, d: d, s: s)
    }
    StandardOutput.write(table.render())
  }

  private func measure<T: LinalgScalar>(_: T.Type, d: Int, s: Int) throws
    -> [String]
  {
    var generator = SplitMix64(seed: seed &+ UInt64(d * 1000 + s))
    let original = BlockDiagonalMatrix<T>(dimension: d, split: s) {
      Matrix<T>.randomPositiveDefinite($0.count, using: &generator)
    }
    var viaLapack = original
    var viaKernel = original
    try viaLapack.invert(path: .lapack)
    try viaKernel.invert(path: .batched)
    viaLapack.completeLowerTriangles()
    viaKernel.completeLowerTriangles()
    let difference =
      zip(viaLapack.packed, viaKernel.packed)
      .map { abs($0 - $1) }.max() ?? 0
    let largest = viaLapack.packed.map { abs($0) }.max() ?? 1

    var work = original
    var lapack: [Double] = []
    var kernel: [Double] = []
    for r in 0..<options.repeats {
      let order: [BlockInversionPath] =
        r % 2 == 0
        ? [.lapack, .batched] : [.batched, .lapack]
      for path in order {
        work.copyBlocks(from: original)
        let seconds = try Timing.seconds { () throws(LinearAlgebraError) in
          try work.invert(path: path)
        }
        if path == .lapack {
          lapack.append(seconds)
        } else {
          kernel.append(seconds)
        }
      }
    }
    let lapackMedian = TimingSummary(samples: lapack).median
    let kernelMedian = TimingSummary(samples: kernel).median
    let auto =
      s <= BlockDiagonalMatrix<T>.batchedSplitLimit
      ? "kernel" : "lapack"
    return [
      T.precision.rawValue, "\(d)", "\(s)",
      "\(original.partition.blockCount)",
      String(format: "%.1f", lapackMedian * 1e6),
      String(format: "%.1f", kernelMedian * 1e6),
      String(format: "%.1f×", lapackMedian / kernelMedian),
      String(format: "%.1e", Double(difference / largest)), auto,
    ]
  }
}
