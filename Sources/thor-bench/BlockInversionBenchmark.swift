import Foundation
import ThorLinalg
import ThorProfiler
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
    [
      .list(
        "dims", of: Int.self, valueName: "d,...",
        help: "Factor dimensions.", default: "1024,2304,4608"),
      .list(
        "splits", of: Int.self, valueName: "s,...", help: "Block sizes.",
        default: "1,2,4,8,16,32,64"),
      .list(
        "dtypes", of: Precision.self, valueName: "type,...",
        help: "Precisions.", default: "float32,float64"),
      .value(
        "repeats", as: Int.self, valueName: "count",
        help: "Timed inversions per path and row.", default: "21"),
      .value(
        "threads", as: Int.self, valueName: "count",
        help: "OpenBLAS threads.", default: "1"),
      .value(
        "seed", as: UInt64.self, help: "Seed of the random blocks.",
        default: "1"),
    ]
  }

  let dims: [Int], splits: [Int], precisions: [Precision]
  let repeats: Int, threads: Int, seed: UInt64

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    dims = try arguments.values(
      "dims", as: Int.self, where: { $0 > 0 }, "must be positive")
    splits = try arguments.values(
      "splits", as: Int.self, where: { $0 > 0 }, "must be positive")
    precisions = try arguments.values("dtypes", as: Precision.self)
    repeats = try arguments.value("repeats", as: Int.self)
    threads = try arguments.value("threads", as: Int.self)
    seed = try arguments.value("seed", as: UInt64.self)
    if repeats < 1 {
      throw arguments.invalid("repeats", "\(repeats)", "must be positive")
    }
    if threads < 1 {
      throw arguments.invalid("threads", "\(threads)", "must be positive")
    }
  }

  func run() throws {
    OpenBLAS.setThreads(threads)
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))
      .map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
    StandardOutput.write(
      "# thor-bench block-inversion, \(Date())\n# OpenBLAS "
        + "\(OpenBLAS.coreName), \(OpenBLAS.threads) thread(s); repeats "
        + "\(repeats); seed \(seed); load average \(load ?? "unknown")\n")
    var table = TextTable(
      headers: [
        "dtype", "d", "s", "blocks", "lapack µs", "kernel µs", "speed-up",
        "max rel diff", "auto",
      ],
      alignments: [.left] + Array(repeating: .right, count: 7) + [.left])
    for precision in precisions {
      for d in dims {
        for s in splits {
          StandardError.write("\(precision.rawValue) d=\(d) s=\(s)\n")
          table.append(
            precision == .float32
              ? try measure(Float.self, d: d, s: s)
              : try measure(Double.self, d: d, s: s))
        }
      }
    }
    StandardOutput.write(table.render())
  }

  private func measure<T: LinalgScalar>(_: T.Type, d: Int, s: Int) throws
    -> [String]
  {
    var generator = SeededGenerator(seed: seed &+ UInt64(d * 1000 + s))
    let original = BlockDiagonalMatrix<T>(dimension: d, split: s) {
      Matrix<T>.randomPositiveDefinite($0.count, using: &generator)
    }
    var viaLapack = original, viaKernel = original
    try viaLapack.invert(path: .lapack)
    try viaKernel.invert(path: .batched)
    viaLapack.completeLowerTriangles()
    viaKernel.completeLowerTriangles()
    let difference = zip(viaLapack.packed, viaKernel.packed)
      .map { abs($0 - $1) }.max() ?? 0
    let largest = viaLapack.packed.map { abs($0) }.max() ?? 1

    var work = original
    var lapack: [Double] = [], kernel: [Double] = []
    for r in 0..<repeats {
      let order: [BlockInversionPath] = r % 2 == 0
        ? [.lapack, .batched] : [.batched, .lapack]
      for path in order {
        work.copyBlocks(from: original)
        let seconds = try Self.time { () throws(LinearAlgebraError) in
          try work.invert(path: path)
        }
        if path == .lapack { lapack.append(seconds) } else {
          kernel.append(seconds)
        }
      }
    }
    let lapackMedian = Self.median(lapack), kernelMedian = Self.median(kernel)
    let auto = s <= BlockDiagonalMatrix<T>.batchedSplitLimit
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

  /// Seconds `body` takes (the ContinuousClock).
  private static func time(
    _ body: () throws(LinearAlgebraError) -> Void
  ) throws(LinearAlgebraError) -> Double {
    var failure: LinearAlgebraError?
    let elapsed = ContinuousClock().measure {
      do throws(LinearAlgebraError) { try body() } catch { failure = error }
    }
    if let failure { throw failure }
    let parts = elapsed.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }

  private static func median(_ values: [Double]) -> Double {
    values.sorted()[values.count / 2]
  }
}
