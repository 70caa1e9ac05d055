import Foundation
import ThorLinalg
import ThorProfiler
import ThorReports
import ThorTuneCLI

/// `thor-bench block-products`: applying a block-diagonal matrix to a
/// gradient from the right and the left, one `?symm` per block against
/// the default path (a scaling at split 1), in one run.
struct BlockProductsBenchmark: Command {
  static let name = "block-products"
  static let abstract =
    "Time block-diagonal products: one ?symm per block vs the default path."
  static let discussion = """
    Each row times X·B (X has --rows rows and d columns) and B·X (X has d \
    rows and --rows columns) for B of dimension d split at s, by both \
    paths, alternating them repeat by repeat, and reports the medians: \
    one ?symm per block, and the default path the trainer takes (an \
    element-wise scaling at split 1, the same ?symm calls otherwise). \
    'max rel diff' compares the paths' results (untimed).
    """

  static var options: [OptionSpec] {
    BlockBenchmarkOptions.specs(
      dims: [1024, 4608], splits: [1, 2, 16], repeats: 11,
      extra: .value(
        "rows", as: Int.self, valueName: "count",
        help: "The other dimension of the gradient X.", default: 256))
  }

  let options: BlockBenchmarkOptions
  let rows: Int

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    options = try BlockBenchmarkOptions(arguments)
    rows = try arguments.value("rows", as: Int.self)
    if rows < 1 {
      throw arguments.invalid("rows", "\(rows)", "must be positive")
    }
  }

  func run() throws {
    StandardOutput.write(options.start(Self.name, "rows \(rows)"))
    var table = TextTable(
      headers: [
        "dtype", "d", "s", "X·B symm µs", "X·B auto µs", "B·X symm µs",
        "B·X auto µs", "max rel diff",
      ],
      alignments: [.left] + Array(repeating: .right, count: 7))
    options.measureAll(into: &table) { precision, d, s in
      precision == .float32
        ? measure(Float.self, d: d, s: s)
        : measure(Double.self, d: d, s: s)
    }
    StandardOutput.write(table.render())
  }

  private func measure<T: LinalgScalar>(_: T.Type, d: Int, s: Int)
    -> [String]
  {
    var generator = SplitMix64(seed: UInt64(d * 1000 + s))
    let b = BlockDiagonalMatrix<T>(dimension: d, split: s) {
      Matrix<T>.randomPositiveDefinite($0.count, using: &generator)
    }
    let x = Matrix<T>.random(rows: rows, columns: d, using: &generator)
    let paths: [BlockProductPath] = [.blas, .automatic]
    var results: [BlockProductPath: [T]] = [:]
    var times: [String: [Double]] = [:]
    // Written in place and restored untimed, so no copy is timed.
    var right = x.storage
    var left = x.storage
    for r in 0..<options.repeats {
      for path in r % 2 == 0 ? paths : paths.reversed() {
        Self.restore(&right, from: x.storage)
        Self.restore(&left, from: x.storage)
        times["right \(path)", default: []].append(
          Timing.seconds {
            right.withUnsafeMutableBufferPointer {
              b.rightMultiply($0.baseAddress!, rows: rows, ld: rows, path: path)
            }
          })
        times["left \(path)", default: []].append(
          Timing.seconds {
            left.withUnsafeMutableBufferPointer {
              b.leftMultiply($0.baseAddress!, columns: rows, ld: d, path: path)
            }
          })
        results[path] = right + left
      }
    }
    let difference =
      zip(results[.blas]!, results[.automatic]!)
      .map { abs($0 - $1) }.max() ?? 0
    let largest = results[.blas]!.map { abs($0) }.max() ?? 1
    let micro = { (key: String) in
      String(
        format: "%.1f", TimingSummary(samples: times[key]!).median * 1e6)
    }
    return [
      T.precision.rawValue, "\(d)", "\(s)", micro("right blas"),
      micro("right automatic"), micro("left blas"), micro("left automatic"),
      String(format: "%.1e", Double(difference / largest)),
    ]
  }

  private static func restore<T>(_ target: inout [T], from source: [T]) {
    target.withUnsafeMutableBufferPointer { t in
      source.withUnsafeBufferPointer {
        t.baseAddress!.update(from: $0.baseAddress!, count: $0.count)
      }
    }
  }
}
