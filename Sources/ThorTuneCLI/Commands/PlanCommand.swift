import Foundation
import ThorAnalysis
import ThorFormats
import ThorLinalg
import ThorProfiler
import ThorReports
import ThorSafetensors
import ThorSolver
import ThorTraining

extension SplitStrategy: ArgumentValue {}

/// `thor-tune plan`: analyses a factor dump (Eq. 11 losses at every
/// candidate split), chooses splits from a hardware profile and writes the
/// plan JSON (README, "File formats and definitions").
struct PlanCommand: Command {
  static let name = "plan"
  static let abstract =
    "Choose per-layer split dimensions from a factor dump and a hardware "
    + "profile."
  static let discussion = """
    Reads the Kronecker factors of --factors (safetensors; tensors named \
    <layer>.A and <layer>.G, 2-D, square, symmetric, finite; F64, F32, F16 \
    or BF16, computed in float64) and, for every factor and candidate \
    split s, the loss of Eq. 11: L(s) = 1 - max_j ||A_jj||_2 / ||A||_2 \
    over the diagonal blocks of size s (the last one the remainder). \
    Largest eigenvalues come from Lanczos with a residual bound, or from \
    LAPACK for small blocks, factors in parallel on --threads workers.

    Beside Eq. 11, with the per-layer strategy, each factor gets its \
    update change at every candidate (one dense damped inverse per factor, \
    O(d^3): it dominates the analysis time of large dumps): \
    d(s) = ||inv(S + gI) - inv(A + gI)||_F / ||inv(A + gI)||_F for the \
    split S of A and the factor damping g the trainer uses (sqrt(lambda) \
    or lambda; lambda and the form from the dump's metadata, else \
    --damping and --damping-form): the relative change of the \
    preconditioned direction, averaged over directions.

    Training time is modelled per factor and epoch for the run given by \
    --steps-per-epoch, --epochs and --inv-interval (the trainer's \
    defaults): the per-step products floor(d/s)*p(s,m) + p(d mod s,m) \
    every step (p from the profile's product timings, m the other \
    dimension of the layer's gradient) plus the inversions \
    floor(d/s)*t(s) + t(d mod s) at every inverse update. A version-1 \
    profile has no product timings; inversions alone are priced then.

    Strategies (--strategy): per-layer (the default) takes, for each \
    factor, the candidate with the least modelled training time whose \
    update change is at most --update-budget; eq11 the cheapest whose \
    Eq. 11 loss is below --tolerance; global the paper's split (Fig. 5): \
    where the fraction of factors with L < tolerance crosses the \
    normalized performance p1/pn (linear interpolation between \
    candidates), the candidate nearest the crossing, or where the curves \
    come closest. Not splitting is always allowed. The global choice is \
    always recorded.

    The report folder gets report.md (the paper's Table 1 for this dump \
    and profile, the modelled training seconds per epoch of no split, the \
    global split, split 128 and the plan, the per-factor table) and SVG \
    charts (Fig. 5, a loss heat map, the inversion times). The plan \
    and the report are written atomically: after an error or Ctrl-C \
    neither is left half-written. An existing report folder is replaced \
    only if it holds nothing but a previous report.

    Memory: each factor is read where the dump is memory-mapped, in its \
    stored precision (no float64 copy); factors in work at once hold at \
    most --memory bytes: each its stored size plus work buffers, plus its \
    dense float64 inverse (8 d^2 bytes) with the per-layer strategy. A \
    factor larger than --memory runs alone and drops its pages as it \
    reads them. The report states the run's peak resident memory.

    Shards: --shard i/n analyses a fixed part of the factors (the same \
    for every run on the dump) and writes only that part (--out, default \
    plan-shard-<i>-of-<n>.json), no report; run i = 0 ... n-1, one per \
    task of a job array. --merge SHARD... then writes the plan and report \
    the unsharded run writes, with --profile, taking every other setting \
    from the shards; it refuses a missing or repeated shard, shards of \
    another dump or made with other options, and a factor in two shards.
    """

  static var options: [OptionSpec] {
    [
      .value(
        "factors", valueName: "file",
        help: "The factor dump (safetensors); required unless --merge."),
      .value(
        "profile", valueName: "file",
        help: "The hardware profile (thor-tune profile).",
        defaultDescription: "the newest profile of this machine's CPU in "
          + "$THOR_TUNE_PROFILES, ./profiles or the package's profiles/"),
      .list(
        "candidates", of: Int.self, valueName: "s,...",
        help: "Candidate split dimensions.",
        defaultDescription: "the profile's dims"),
      .value(
        "tolerance", as: Double.self,
        help: "Largest accepted loss L (exclusive).", default: 0.01),
      .value(
        "strategy", as: SplitStrategy.self,
        help: "Which split the layers carry: per-layer, eq11 or global; "
          + "the global one is always recorded.",
        default: SplitStrategy.perLayer),
      .value(
        "update-budget", as: Double.self, valueName: "fraction",
        help: "Largest update change the per-layer strategy accepts.",
        default: Solver.defaultUpdateBudget),
      .value(
        "damping", as: Double.self, valueName: "lambda",
        help: "The damping lambda of the update change.",
        defaultDescription: "the dump's 'damping' metadata, else 0.03"),
      .value(
        "damping-form", as: DampingForm.self,
        help: "How lambda becomes the factor damping: sqrt or lambda.",
        defaultDescription: "the dump's 'damping_form' metadata, else sqrt"),
      .value(
        "steps-per-epoch", as: Int.self, valueName: "n",
        help: "Optimizer steps per epoch of the planned run.",
        default: 469),
      .value(
        "epochs", as: Int.self,
        help: "Epochs of the planned run (for the inversion count).",
        default: 10),
      .value(
        "inv-interval", valueName: "schedule",
        help: "Inverse-update interval of the planned run (N or "
          + "EPOCH:N,...).",
        default: SecondOrderVariant.thor.defaultInverseInterval.description),
      .value(
        "out", short: "o", valueName: "file",
        help: "Where to write the plan JSON (with --shard, the shard's).",
        defaultDescription: "plan.json; with --shard i/n "
          + "plan-shard-<i>-of-<n>.json"),
      .value(
        "report", valueName: "folder",
        help: "Where to write the report (Markdown and SVG).",
        defaultDescription: "reports/<dump file name without extension>/"),
      .value(
        "threads", as: Int.self, valueName: "count",
        help: "Factors analysed at once (OpenBLAS uses one thread each).",
        default: ProcessInfo.processInfo.activeProcessorCount),
      .value(
        "memory", as: ByteSize.self, valueName: "size",
        help: "Memory the factors in work may hold at once (e.g. 8G).",
        defaultDescription: "half of this machine's memory"),
      .value(
        "shard", as: ShardSpec.self, valueName: "i/n",
        help: "Analyse only part i of n of the factors (i from 0) and "
          + "write that part for --merge."),
      .flag(
        "merge",
        help: "Combine the shard files given as arguments into the plan "
          + "and report."),
      .flag("json", help: "Print a JSON summary on stdout instead of text."),
    ]
  }

  static var arguments: [ArgumentSpec] {
    [
      ArgumentSpec(
        "shards", help: "With --merge: every shard file of one run.",
        optional: true, repeating: true)
    ]
  }

  var factors: String?
  var profile: String?
  var candidates: [Int]?
  var tolerance: Double
  var strategy: SplitStrategy
  var updateBudget: Double
  var damping: Double?
  var dampingForm: DampingForm?
  var stepsPerEpoch: Int
  var epochs: Int
  var intervals: IntervalSchedule
  var out: String
  var report: String?
  var threads: Int
  var memory: Int
  var shard: ShardSpec?
  var merge: Bool
  var shards: [String]
  var json: Bool
  var words: [String]
  /// The options given, for the checks of ``validate()``.
  var given: GivenOptions

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    factors = try arguments.optionalValue("factors")
    shard = try arguments.optionalValue("shard")
    merge = arguments.flag("merge")
    shards = try arguments.arguments("shards")
    given = arguments.givenOptions
    profile = try arguments.optionalValue("profile")
    if arguments.isGiven("candidates") {
      candidates = try arguments.distinctValues(
        "candidates", as: Int.self, where: { $0 > 0 },
        "must be a positive integer")
    } else {
      candidates = nil
    }
    tolerance = try arguments.value(
      "tolerance", as: Double.self, where: { $0 >= 0 && $0 <= 1 },
      "must be between 0 and 1")
    strategy = try arguments.value("strategy")
    updateBudget = try arguments.value(
      "update-budget", as: Double.self, where: { $0 >= 0 && $0.isFinite },
      "must be a non-negative number")
    damping = try arguments.optionalValue(
      "damping", as: Double.self, where: { $0 > 0 && $0.isFinite },
      "must be a positive number")
    dampingForm = try arguments.optionalValue("damping-form")
    if dampingForm == .pi {
      throw arguments.invalid(
        "damping-form", "pi",
        "is not supported by plan (it needs both factors' traces); use "
          + "sqrt or lambda")
    }
    stepsPerEpoch = try arguments.value(
      "steps-per-epoch", as: Int.self, where: { $0 > 0 }, "must be positive")
    epochs = try arguments.value(
      "epochs", as: Int.self, where: { $0 > 0 }, "must be positive")
    let intervalText: String = try arguments.value("inv-interval")
    do {
      intervals = try IntervalSchedule(parsing: intervalText)
    } catch {
      throw arguments.invalid("inv-interval", intervalText, "\(error)")
    }
    out =
      try arguments.optionalValue("out")
      ?? shard.map { "plan-shard-\($0.index)-of-\($0.count).json" }
      ?? "plan.json"
    report = try arguments.optionalValue("report")
    threads = try arguments.value(
      "threads", as: Int.self, where: { $0 > 0 }, "must be positive")
    memory =
      try arguments.optionalValue("memory", as: ByteSize.self)?.bytes
      ?? PeakMemory.defaultBudget
    json = arguments.flag("json")
    words = arguments.words
  }

  func run() throws {
    if merge { return try runMerge(shards) }
    if let shard { return try runShard(shard) }
    let factors = factors!
    let reportURL = URL(fileURLWithPath: report ?? Self.defaultReport(factors))
    try Self.checkReportFolder(reportURL)
    let (plan, hardware, seconds) = try makePlan()
    try write(plan, hardware, seconds: seconds, report: reportURL)
  }

  /// Writes the plan and the report and prints the summary.
  func write(
    _ plan: Plan, _ hardware: HardwareProfile, seconds: Double,
    report reportURL: URL
  ) throws {
    let reportFiles = try PlanReport.render(plan: plan, profile: hardware)
    let outURL = URL(fileURLWithPath: out)
    try OutputWriter.writeJSON(plan, to: outURL)
    try ReportCommand.writeReport(reportFiles, to: reportURL)
    if json {
      try StandardOutput.write(summaryJSON(plan, seconds: seconds))
    } else {
      StandardOutput.write(summary(plan, seconds: seconds))
    }
    StandardError.write(
      "Wrote \(outURL.relativePath) and \(reportURL.relativePath)/\n")
  }

  /// Analyses the factors and chooses the splits, with a progress line;
  /// returns the plan (nothing is written), the profile it used and the
  /// analysis time in seconds.
  func makePlan() throws
    -> (plan: Plan, profile: HardwareProfile, seconds: Double)
  {
    let inputs = try loadInputs()
    let digest = BackgroundDigest(of: URL(fileURLWithPath: factors!))
    defer { digest.join() }
    let (analyses, seconds) = try analyse(
      inputs.catalog, inputs, with: makeAnalyser(inputs))
    let provenance = Plan.Provenance(
      factors: factors!, factorsSHA256: try digest.wait(),
      profile: inputs.profileURL.relativePath, settings: inputs.settings,
      runOptions: runOptions(factors: factors!), tool: ThorTune.version,
      peakResidentBytes: PeakMemory.residentBytes())
    let plan = inputs.solver.plan(
      for: analyses, strategy: strategy, provenance: provenance,
      damping: inputs.settings.damping)
    return (plan, inputs.hardware, seconds)
  }

  /// What every run on a dump reads and checks before the analysis.
  struct Inputs {
    var file: SafetensorsFile
    var catalog: FactorCatalog
    var hardware: HardwareProfile
    var profileURL: URL
    var solver: Solver
    var settings: PlanShard.Settings
  }

  /// Opens the dump and the profile, checks the options against them and
  /// prints the catalog's warnings.
  func loadInputs() throws -> Inputs {
    let file = try SafetensorsFile(contentsOf: URL(fileURLWithPath: factors!))
    let (hardware, profileURL) = try loadProfile()
    let candidates = candidates ?? hardware.results.map(\.dim)
    let catalog = try FactorCatalog(file: file)
    // Only the per-layer strategy uses the update change (a dense inverse
    // per factor, O(d³)); the others skip it.
    let damping = strategy == .perLayer ? try updateDamping(file) : nil
    let settings = PlanShard.Settings(
      candidates: candidates, tolerance: tolerance,
      strategy: strategy, updateBudget: updateBudget,
      stepsPerEpoch: stepsPerEpoch, epochs: epochs,
      invInterval: intervals.description, damping: damping)
    let solver = try Self.solver(settings, hardware)
    for warning in catalog.warnings {
      StandardError.write("warning: \(warning)\n")
    }
    return Inputs(
      file: file, catalog: catalog, hardware: hardware,
      profileURL: profileURL, solver: solver, settings: settings)
  }

  /// `--profile`, or the newest of this machine's CPU, with a note when it
  /// prices inversions only.
  func loadProfile() throws -> (HardwareProfile, URL) {
    let profileURL =
      try profile.map { URL(fileURLWithPath: $0) }
      ?? Self.newestProfile(in: Self.profileFolders())
    let hardware = try HardwareProfile.load(from: profileURL)
    if hardware.products == nil {
      StandardError.write(
        "note: \(profileURL.relativePath) is a version-\(hardware.version) "
          + "profile without per-step product timings; the training cost "
          + "prices inversions only (re-run 'thor-tune profile' for both)\n")
    }
    return (hardware, profileURL)
  }

  /// The solver for `settings` and the profile.
  static func solver(
    _ settings: PlanShard.Settings, _ hardware: HardwareProfile
  ) throws -> Solver {
    let intervals = try IntervalSchedule(parsing: settings.invInterval)
    return try Solver(
      candidates: settings.candidates, tolerance: settings.tolerance,
      costModel: InversionCostModel(profile: hardware),
      schedule: TrainingSchedule(
        stepsPerEpoch: settings.stepsPerEpoch,
        updatesPerEpoch: intervals.updatesPerEpoch(
          stepsPerEpoch: settings.stepsPerEpoch, epochs: settings.epochs)),
      updateBudget: settings.updateBudget)
  }

  /// The analyser of the settings, with the whole dump's OpenBLAS
  /// threads, so that a shard's results equal the whole run's.
  func makeAnalyser(_ inputs: Inputs) -> Analyser {
    var analyser = Analyser(
      candidates: inputs.settings.candidates, threads: threads,
      memoryBudget: memory,
      updateChange: inputs.settings.damping.map {
        UpdateChange(damping: $0.factor)
      })
    analyser.blasThreads = analyser.defaultBLASThreads(
      entries: inputs.catalog.entries.count)
    return analyser
  }

  /// Analyses `catalog`'s factors with a progress line and warns about
  /// all-zero ones; returns the analyses and the seconds taken.
  func analyse(
    _ catalog: FactorCatalog, _ inputs: Inputs, with analyser: Analyser
  ) throws -> ([FactorAnalysis], Double) {
    let progress = SerializedProgress()
    let started = ContinuousClock.now
    let analyses = try analyser.analyse(
      catalog, loader: FactorLoader(file: inputs.file)
    ) { step in
      progress.update(
        "Analysing factor \(step.done)/\(step.total) (\(step.tensorName))",
        last: step.done == step.total)
    }
    let elapsed = ContinuousClock.now - started
    progress.line.finish()
    Self.warnAboutZeroFactors(analyses)
    return (analyses, elapsed.inSeconds)
  }

  static func warnAboutZeroFactors(_ analyses: [FactorAnalysis]) {
    for analysis in analyses where analysis.losses.isZero {
      StandardError.write(
        "warning: factor '\(analysis.tensorName)' is all zero: no loss is "
          + "defined; every split of it is exact\n")
    }
  }

  /// The damping of the update change: options first, then the dump's
  /// metadata (`damping`, `damping_form`), then the trainer's defaults.
  /// - Throws: ``PlanInputError/badMetadata(file:key:value:)``.
  func updateDamping(_ file: SafetensorsFile) throws(PlanInputError)
    -> Plan.Damping
  {
    let factors = factors ?? file.source
    var lambda = SecondOrderVariant.thor.configuration.damping.initial
    var source = "default"
    var form = DampingForm.squareRoot
    do throws(DumpMetadataError) {
      if let damping {
        (lambda, source) = (damping, "--damping")
      } else if let value = try file.dumpDamping() {
        (lambda, source) = (value, "dump metadata")
      }
      if let dampingForm {
        form = dampingForm
      } else if let value = try file.dumpDampingForm() {
        form = value
      }
    } catch {
      throw .badMetadata(file: factors, key: error.key, value: error.value)
    }
    if form == .pi {
      throw .badMetadata(
        file: factors, key: FactorDumpFormat.MetadataKey.dampingForm,
        value: form.rawValue)
    }
    let gamma = form.factorDamping(
      lambda: lambda, traceA: 1, dimensionA: 1, traceG: 1, dimensionG: 1)
    return Plan.Damping(
      lambda: lambda, form: form.rawValue, factor: gamma.a, source: source)
  }

  /// The run's own options for the plan's provenance (beside the
  /// settings): threads, memory, report folder and the command line.
  func runOptions(factors: String) -> [String: String] {
    [
      "threads": String(threads),
      "memory": String(memory),
      "report": report ?? Self.defaultReport(factors),
      "command": (["thor-tune", Self.name] + words).joined(separator: " "),
    ]
  }
}

/// The progress line, shared with the analyser's workers, which call it one
/// at a time (``Analyser/analyse(_:loader:progress:)``). Updates come at
/// most every half second, so logs stay short.
private final class SerializedProgress: @unchecked Sendable {
  let line = ProgressLine()
  private var shown: ContinuousClock.Instant?

  func update(_ text: String, last: Bool) {
    let now = ContinuousClock.now
    if !last, let shown, now - shown < .milliseconds(500) { return }
    shown = now
    line.update(text)
  }
}
