import Foundation
import ThorFormats
import ThorLinalg
import ThorProfiler
import ThorReports

/// `thor-tune profile`: times matrix inversion at each candidate split
/// dimension and writes a hardware profile (README, "File formats and
/// definitions").
struct ProfileCommand: Command {
  static let name = "profile"
  static let abstract =
    "Time matrix inversion at candidate split dimensions and write a "
    + "hardware profile."
  static let discussion = """
    Inversions run through the code the trainer uses for a factor split \
    into blocks: for each dimension n, one run inverts \
    max(1, factor-dim / n) random symmetric positive-definite n x n \
    blocks (X^T X / n + I, from --seed) together, as the trainer inverts a \
    factor of dimension --factor-dim split at n, and times are reported \
    per block. With --path automatic (the trainer's choice) Cholesky \
    blocks up to 64 use the batched SIMD kernel and larger ones LAPACK \
    (potrf + potri); --path lapack always calls LAPACK. \
    '--path lapack --factor-dim 1' times single n x n LAPACK inversions, \
    as the paper's Table 1 does.

    One run is checked (max |B*inv(B) - I| over the blocks must be \
    small), --warmup runs are untimed, then runs are timed until \
    --min-time seconds have accumulated (at least 5 runs, at most \
    --repeats). The input is restored by a copy outside the timed region, \
    so each timing holds the inversion alone.

    Then the per-step products the trainer runs for a split factor: for \
    each block size n and each gradient size m of --product-others, \
    max(1, factor-dim / n) blocks applied to a gradient with m rows (an A \
    factor, grad * B) or m columns (a G factor, B * grad), timed for \
    --product-min-time seconds each and reported per block. \
    'thor-tune plan' prices a split by these products every step plus \
    its inversions at every update.

    The tables on stdout give the median, minimum and 90th percentile in \
    microseconds per block (and GFLOP/s counted as n^3 operations per \
    inverse). The profile JSON (version 2) feeds 'thor-tune plan'.
    """

  static let defaultOthers = [16, 128, 1024]

  static let defaultDims = [1, 16, 32, 64, 128, 256, 512, 1024, 2048]

  static var options: [OptionSpec] {
    let head: [OptionSpec] = [
      .list(
        "dims", of: Int.self, valueName: "n,...",
        help: "The matrix dimensions to time, each positive and given once.",
        default: defaultDims),
      .value(
        "method", as: InversionMethod.self,
        help: "How to invert: cholesky (potrf + potri), lu (getrf + getri) "
          + "or eigh (syevd).",
        default: InversionMethod.cholesky),
      .value(
        "dtype", as: Precision.self, help: "The floating-point precision.",
        default: Precision.float32),
      .value(
        "path", as: BlockInversionPath.self,
        help: "How blocks are inverted: automatic (as the trainer), lapack "
          + "or batched (Cholesky only).",
        default: BlockInversionPath.automatic),
      .value(
        "factor-dim", as: Int.self, valueName: "d",
        help: "Time the blocks of a factor of this dimension together "
          + "(max(1, d/n) blocks per run); 1 times single matrices.",
        default: 2048),
    ]
    return head + ProfilerOptions.specs + [
      .list(
        "product-others", of: Int.self, valueName: "m,...",
        help: "Gradient sizes (the other factor's dimension) at which the "
          + "per-step products are timed.",
        default: defaultOthers),
      .value(
        "product-min-time", as: Double.self, valueName: "seconds",
        help: "Seconds of timed products per block size and gradient size.",
        default: 0.1),
      .value(
        "seed", as: UInt64.self, help: "Seed of the random test matrices.",
        default: 1),
      .value(
        "out", short: "o", valueName: "file",
        help: "Where to write the profile JSON.",
        defaultDescription: "profiles/<machine-slug>-<method>-<dtype>.json"),
    ]
  }

  var configuration: InversionProfiler.Configuration
  var products: ProductProfiler.Configuration
  var threads: Int
  var out: String?
  var arguments: [String]

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    let dims = try arguments.distinctValues(
      "dims", as: Int.self, where: { $0 > 0 }, "must be a positive integer")
    let method: InversionMethod = try arguments.value("method")
    let path: BlockInversionPath = try arguments.value("path")
    let timing = try ProfilerOptions(arguments)
    threads = timing.threads
    configuration = InversionProfiler.Configuration(
      dims: dims, method: method,
      precision: try arguments.value("dtype"), path: path,
      factorDimension: try arguments.value(
        "factor-dim", as: Int.self, where: { $0 > 0 }, "must be positive"),
      minTime: timing.minTime,
      maxRepeats: timing.maxRepeats, warmup: timing.warmup,
      seed: try arguments.value("seed"))
    let others = try arguments.distinctValues(
      "product-others", as: Int.self, where: { $0 > 0 },
      "must be a positive integer")
    products = Self.products(
      for: configuration, others: others,
      minTime: try arguments.value(
        "product-min-time", as: Double.self, where: { $0 >= 0 },
        "must not be negative"))
    out = try arguments.optionalValue("out")
    self.arguments = arguments.words
  }

  /// The per-step products timed beside `configuration`'s inversions,
  /// at gradient sizes `others`.
  static func products(
    for configuration: InversionProfiler.Configuration, others: [Int],
    minTime: Double
  ) -> ProductProfiler.Configuration {
    ProductProfiler.Configuration(
      dims: configuration.dims, others: others,
      precision: configuration.precision,
      factorDimension: configuration.factorDimension, minTime: minTime,
      maxRepeats: configuration.maxRepeats, warmup: configuration.warmup,
      seed: configuration.seed)
  }

  func validate() throws(CommandLineError) {
    if configuration.path == .batched && configuration.method != .cholesky {
      throw Self.invalid(
        "path", configuration.path.rawValue, "needs --method cholesky")
    }
  }

  func run() throws {
    OpenBLAS.setThreads(threads)
    let machine = HardwareProfile.Machine.current()
    let url = URL(fileURLWithPath: out ?? defaultPath(for: machine))
    try OutputWriter.prepare(url)
    let profile = try measure(on: machine)
    StandardOutput.write(table(profile, InversionProfiler(configuration)))
    StandardOutput.write("\n" + productTable(profile))
    try OutputWriter.writeJSON(profile, to: url)
    StandardError.write("Wrote \(url.relativePath)\n")
  }

  /// Times every dimension with a progress line and returns the profile
  /// (the caller sets OpenBLAS's threads and writes it).
  func measure(on machine: HardwareProfile.Machine) throws
    -> HardwareProfile
  {
    let loadBefore = HardwareProfile.Machine.loadAverage()
    let progressLine = ProgressLine()
    let profiler = InversionProfiler(configuration)
    let results = try profiler.run { event in
      switch event {
      case .measuring(let dim, let index, let count):
        progressLine.update(
          "Profiling dimension \(dim) (\(index + 1)/\(count))")
      case .measured:
        break
      }
    }
    let productProfiler = ProductProfiler(products)
    let products = productProfiler.run { index in
      progressLine.update(
        "Profiling per-step products (\(index + 1)/\(productProfiler.count))")
    }
    progressLine.finish()
    var options = recordedOptions()
    options["load_before"] = loadBefore
    options["load_after"] = HardwareProfile.Machine.loadAverage()
    return HardwareProfile(
      machine: machine, method: configuration.method,
      dtype: configuration.precision, options: options,
      created: ISO8601DateFormatter().string(from: Date()), results: results,
      products: products)
  }

  /// `profiles/<machine-slug>-<method>-<dtype>.json`.
  func defaultPath(for machine: HardwareProfile.Machine) -> String {
    "profiles/\(machine.slug)-\(configuration.method.rawValue)-"
      + "\(configuration.precision.rawValue).json"
  }

  /// What produced the profile: every option's value, the tool and the
  /// command line (the command adds the load averages before and after).
  func recordedOptions() -> [String: String] {
    [
      "dims": configuration.dims.map(String.init).joined(separator: ","),
      "threads": String(threads),
      "path": configuration.path.rawValue,
      "factor_dim": String(configuration.factorDimension),
      "timing": "per block; a run inverts max(1, factor_dim / dim) blocks "
        + "of size dim together",
      "min_time": String(configuration.minTime),
      "repeats": String(configuration.maxRepeats),
      "warmup": String(configuration.warmup),
      "seed": String(configuration.seed),
      "tool": "thor-tune \(ThorTune.version)",
      "command": (["thor-tune", Self.name] + arguments)
        .joined(separator: " "),
      "gflops_convention": "n^3 operations per inverse",
      "product_others": products.others.map(String.init)
        .joined(separator: ","),
      "product_min_time": String(products.minTime),
      "product_timing": "per block; a run applies max(1, factor_dim / dim) "
        + "blocks to a gradient of other x (blocks * dim) (A) or its "
        + "transpose (G)",
    ]
  }

  /// The human-readable table of results.
  func table(_ profile: HardwareProfile, _ profiler: InversionProfiler)
    -> String
  {
    var table = TextTable(
      headers: [
        "dim", "median us", "min us", "p90 us", "runs", "blocks/run",
        "GFLOP/s",
      ],
      alignments: Array(repeating: .right, count: 7))
    for r in profile.results {
      table.append([
        String(r.dim), Self.format(r.medianMicroseconds),
        Self.format(r.minMicroseconds), Self.format(r.p90Microseconds),
        String(r.repeats), String(profiler.blocks(forDimension: r.dim)),
        Self.format(r.gflops),
      ])
    }
    return "\(profile.method) inverse (\(configuration.path.rawValue) path), "
      + "\(profile.dtype), \(profile.machine.threads) thread(s), "
      + "\(profile.machine.cpu); times per block\n\n" + table.render()
  }

  /// The per-step products: one row per block size, one column per side
  /// and gradient size (median µs per block).
  func productTable(_ profile: HardwareProfile) -> String {
    let products = profile.products ?? []
    let columns = HardwareProfile.ProductSide.allCases.flatMap { side in
      self.products.others.map { (side, $0) }
    }
    var table = TextTable(
      headers: ["dim"] + columns.map { "\($0.0.rawValue) m=\($0.1)" },
      alignments: Array(repeating: .right, count: columns.count + 1))
    for dim in configuration.dims {
      table.append(
        [String(dim)]
          + columns.map { side, other in
            products.first {
              $0.factor == side && $0.other == other && $0.dim == dim
            }.map { Self.format($0.medianMicroseconds) } ?? "-"
          })
    }
    return "per-step products (A: grad * B, G: B * grad; gradient size m), "
      + "median us per block\n\n" + table.render()
  }

  /// A time or rate: one decimal from 100 up, three below.
  static func format(_ value: Double) -> String {
    value >= 100
      ? String(format: "%.1f", value)
      : String(format: "%.3f", value)
  }
}
