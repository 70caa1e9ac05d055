import Foundation
import ThorLinalg
import ThorProfiler

/// `thor-tune profile`: times matrix inversion at each candidate split
/// dimension and writes a hardware profile (DESIGN.md, `profiles/*.json`).
struct ProfileCommand: Command {
  static let name = "profile"
  static let abstract =
    "Time matrix inversion at candidate split dimensions and write a "
    + "hardware profile."
  static let discussion = """
    For each dimension n, a random symmetric positive-definite n x n \
    matrix (X^T X / n + I, from --seed) is inverted once and checked \
    (max |A*inv(A) - I| must be small), inverted --warmup times untimed, \
    then timed until --min-time seconds of inversions have accumulated (at \
    least 5 runs, at most --repeats). The input is restored by a copy \
    outside the timed region, so each timing holds the inversion alone.

    The table on stdout gives the median, minimum and 90th percentile in \
    microseconds and GFLOP/s counted as n^3 operations per inverse. The \
    profile JSON feeds 'thor-tune plan'.
    """

  static let defaultDims = "1,16,32,64,128,256,512,1024,2048"

  static var options: [OptionSpec] {
    let head: [OptionSpec] = [
      .list(
        "dims", of: Int.self, valueName: "n,...",
        help: "The matrix dimensions to time.", default: defaultDims),
      .value(
        "method", as: InversionMethod.self,
        help: "How to invert: cholesky (potrf + potri), lu (getrf + getri) "
          + "or eigh (syevd).",
        default: InversionMethod.cholesky.rawValue),
      .value(
        "dtype", as: Precision.self, help: "The floating-point precision.",
        default: Precision.float32.rawValue),
    ]
    return head + ProfilerOptions.specs + [
      .value(
        "seed", as: UInt64.self, help: "Seed of the random test matrices.",
        default: "1"),
      .value(
        "out", short: "o", valueName: "file",
        help: "Where to write the profile JSON.",
        defaultDescription: "profiles/<machine-slug>-<method>-<dtype>.json"),
    ]
  }

  let configuration: InversionProfiler.Configuration
  let timing: ProfilerOptions
  let out: String?
  let arguments: [String]

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    let dims = try arguments.values(
      "dims", as: Int.self, where: { $0 > 0 }, "must be a positive integer")
    var seen: Set<Int> = []
    for dim in dims where !seen.insert(dim).inserted {
      throw arguments.invalid("dims", String(dim), "is given twice")
    }
    timing = try ProfilerOptions(arguments)
    configuration = InversionProfiler.Configuration(
      dims: dims.sorted(), method: try arguments.value("method"),
      precision: try arguments.value("dtype"), minTime: timing.minTime,
      maxRepeats: timing.maxRepeats, warmup: timing.warmup,
      seed: try arguments.value("seed"))
    out = try arguments.optionalValue("out")
    self.arguments = arguments.words
  }

  func run() throws {
    OpenBLAS.setThreads(timing.threads)
    let machine = HardwareProfile.Machine.current()
    let url = URL(fileURLWithPath: out ?? defaultPath(for: machine))
    try OutputWriter.prepare(url)
    let progressLine = ProgressLine()
    let results = try InversionProfiler(configuration).run { event in
      switch event {
      case .measuring(let dim, let index, let count):
        progressLine.update(
          "Profiling dimension \(dim) (\(index + 1)/\(count))")
      case .measured:
        break
      }
    }
    progressLine.finish()
    let profile = HardwareProfile(
      machine: machine, method: configuration.method.rawValue,
      dtype: configuration.precision.rawValue, options: recordedOptions(),
      created: ISO8601DateFormatter().string(from: Date()), results: results)
    StandardOutput.write(table(profile))
    try OutputWriter.writeJSON(profile, to: url)
    StandardError.write("Wrote \(url.relativePath)\n")
  }

  /// `profiles/<machine-slug>-<method>-<dtype>.json`.
  func defaultPath(for machine: HardwareProfile.Machine) -> String {
    "profiles/\(machine.slug)-\(configuration.method.rawValue)-"
      + "\(configuration.precision.rawValue).json"
  }

  /// What produced the profile: every option's value, the tool and the
  /// command line.
  func recordedOptions() -> [String: String] {
    [
      "dims": configuration.dims.map(String.init).joined(separator: ","),
      "threads": String(timing.threads),
      "min_time": String(configuration.minTime),
      "repeats": String(configuration.maxRepeats),
      "warmup": String(configuration.warmup),
      "seed": String(configuration.seed),
      "tool": "thor-tune \(ThorTune.version)",
      "command": (["thor-tune", Self.name] + arguments)
        .joined(separator: " "),
      "gflops_convention": "n^3 operations per inverse",
    ]
  }

  /// The human-readable table of results.
  func table(_ profile: HardwareProfile) -> String {
    var table = TextTable(
      headers: ["dim", "median us", "min us", "p90 us", "runs", "GFLOP/s"],
      alignments: [.right, .right, .right, .right, .right, .right])
    for r in profile.results {
      table.append([
        String(r.dim), Self.format(r.medianMicroseconds),
        Self.format(r.minMicroseconds), Self.format(r.p90Microseconds),
        String(r.repeats), Self.format(r.gflops),
      ])
    }
    return "\(profile.method) inverse, \(profile.dtype), "
      + "\(profile.machine.threads) thread(s), \(profile.machine.cpu)\n\n"
      + table.render()
  }

  /// A time or rate: one decimal from 100 up, three below.
  static func format(_ value: Double) -> String {
    value >= 100 ? String(format: "%.1f", value)
      : String(format: "%.3f", value)
  }
}
