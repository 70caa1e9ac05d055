import Foundation
import ThorAnalysis
import ThorLinalg
import ThorProfiler
import ThorReports
import ThorTuneCLI

/// `thor-bench eigen-crossover`: the largest eigenvalue of one factor block
/// by LAPACK `dsyevr` against Lanczos, per dimension, to choose
/// ``EigenLoss/denseLimit`` by measurement.
struct EigenLossCrossoverBenchmark: Command {
  static let name = "eigen-crossover"
  static let abstract =
    "Time the largest eigenvalue by dsyevr vs Lanczos per block size."
  static let discussion = """
    For each dimension n, two kinds of n x n covariance X^T X / m (m = 2n \
    samples): 'mean' has non-negative features with a common mean (a large \
    top eigenvalue, like input-side factors of ReLU networks), 'flat' has \
    zero-mean features with slowly decaying scales (a small spectral gap, \
    like output-side factors). Each is solved by both paths, alternating \
    repeat by repeat; medians in microseconds and the relative difference \
    of the two eigenvalues are reported. Single-threaded, as the analyser \
    runs with several workers.
    """

  static var options: [OptionSpec] {
    [
      .list(
        "dims", of: Int.self, valueName: "n,...", help: "Block dimensions.",
        default: [32, 64, 96, 128, 160, 192, 256, 384, 512]),
      .value(
        "repeats", as: Int.self, valueName: "count",
        help: "Timed solves per path and row.", default: 7),
      .value(
        "seed", as: UInt64.self, help: "Seed of the random matrices.",
        default: 1),
    ]
  }

  let dims: [Int], repeats: Int, seed: UInt64

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    dims = try arguments.values(
      "dims", as: Int.self, where: { $0 > 0 }, "must be positive")
    repeats = try arguments.value(
      "repeats", as: Int.self, where: { $0 > 0 }, "must be positive")
    seed = try arguments.value("seed", as: UInt64.self)
  }

  func run() throws {
    OpenBLAS.setThreads(1)
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))
      .map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
    StandardOutput.write(
      "# thor-bench eigen-crossover, \(Date()); OpenBLAS "
        + "\(OpenBLAS.coreName), 1 thread; repeats \(repeats); seed "
        + "\(seed); load average \(load ?? "unknown")\n")
    var table = TextTable(
      headers: ["kind", "n", "syevr µs", "lanczos µs", "ratio", "rel diff"],
      alignments: [.left] + Array(repeating: .right, count: 5))
    let dense = EigenLoss(denseLimit: .max)
    let lanczos = EigenLoss(denseLimit: 0)
    for n in dims {
      for kind in ["mean", "flat"] {
        let a = Self.covariance(n, mean: kind == "mean", seed: seed)
        var denseTimes: [Double] = []
        var lanczosTimes: [Double] = []
        var values = (0.0, 0.0)
        for _ in 0..<repeats {
          denseTimes.append(
            try Self.time {
              values.0 = try dense.losses(of: a, candidates: []).spectralNorm
            })
          lanczosTimes.append(
            try Self.time {
              values.1 = try lanczos.losses(of: a, candidates: []).spectralNorm
            })
        }
        let d = TimingSummary(samples: denseTimes).median
        let l = TimingSummary(samples: lanczosTimes).median
        table.append([
          kind, String(n), String(format: "%.1f", d),
          String(format: "%.1f", l), String(format: "%.2f", d / l),
          String(format: "%.1e", abs(values.0 - values.1) / values.0),
        ])
      }
    }
    StandardOutput.write(table.render())
  }

  /// `XᵀX / m` with `m = 2n` (`dsyrk`), both triangles set.
  static func covariance(_ n: Int, mean: Bool, seed: UInt64)
    -> Matrix<Double>
  {
    var generator = SplitMix64(seed: seed &+ UInt64(n))
    let m = 2 * n
    var x = Matrix<Double>(rows: m, columns: n)
    for j in 0..<n {
      let scale = mean ? 1 : 1 / (1 + Double(j) / 8)
      for i in 0..<m {
        let z = Double.random(in: -1...1, using: &generator)
        x[i, j] = mean ? max(0, z + 0.3) : z * scale
      }
    }
    return x.gram(scaledBy: 1 / Double(m))
  }

  static func time(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    return start.secondsElapsed * 1e6
  }
}
