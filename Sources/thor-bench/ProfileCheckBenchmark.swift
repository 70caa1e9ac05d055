import Foundation
import ThorFormats
import ThorLinalg
import ThorProfiler
import ThorTuneCLI

/// `thor-bench profile-check`: the profiler's figures for the Cholesky
/// inverse, in the plain format of `reports/benchmarks/potrf_potri.c`, so
/// `reports/benchmarks/profile-vs-lapack.sh` can compare them with an
/// independent C timing of the same LAPACK calls.
struct ProfileCheckBenchmark: Command {
  static let name = "profile-check"
  static let abstract =
    "Print InversionProfiler's potrf+potri timings as 'dim median_us "
    + "min_us runs' lines."
  static let discussion = """
    Runs the same profiler as 'thor-tune profile --method cholesky \
    --path lapack --factor-dim 1' (single n x n inversions by LAPACK) and \
    prints one line per dimension, for reports/benchmarks/\
    profile-vs-lapack.sh to compare with a C loop over the same LAPACKE \
    calls.
    """

  static var options: [OptionSpec] {
    let head: [OptionSpec] = [
      .list(
        "dims", of: Int.self, valueName: "n,...", help: "Dimensions to time.",
        default: [64, 256, 1024, 2048]),
      .value(
        "dtype", as: Precision.self, help: "The precision.",
        default: Precision.float32),
    ]
    return head + ProfilerOptions.specs
  }

  let configuration: InversionProfiler.Configuration
  let timing: ProfilerOptions

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    timing = try ProfilerOptions(arguments)
    configuration = InversionProfiler.Configuration(
      dims: try arguments.values(
        "dims", as: Int.self, where: { $0 > 0 }, "must be positive"),
      method: .cholesky, precision: try arguments.value("dtype"),
      path: .lapack, factorDimension: 1,
      minTime: timing.minTime, maxRepeats: timing.maxRepeats,
      warmup: timing.warmup, seed: 1)
  }

  func run() throws {
    OpenBLAS.setThreads(timing.threads)
    _ = try InversionProfiler(configuration).run { event in
      guard case .measured(let r) = event else { return }
      StandardOutput.write(
        "\(r.dim) \(r.medianMicroseconds) \(r.minMicroseconds) "
          + "\(r.repeats)\n")
    }
  }
}
