import Foundation
import ThorAnalysis
import ThorLinalg
import ThorProfiler
import ThorReports
import ThorSafetensors
import ThorSolver
import ThorTraining
import ThorFormats

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
    """

  static var options: [OptionSpec] {
    [
      .value(
        "factors", valueName: "file",
        help: "The factor dump (safetensors).", required: true),
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
        help: "Largest accepted loss L (exclusive).", default: "0.01"),
      .value(
        "strategy", as: SplitStrategy.self,
        help: "Which split the layers carry: per-layer, eq11 or global; "
          + "the global one is always recorded.",
        default: SplitStrategy.perLayer.rawValue),
      .value(
        "update-budget", as: Double.self, valueName: "fraction",
        help: "Largest update change the per-layer strategy accepts.",
        default: String(Solver.defaultUpdateBudget)),
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
        default: "469"),
      .value(
        "epochs", as: Int.self,
        help: "Epochs of the planned run (for the inversion count).",
        default: "10"),
      .value(
        "inv-interval", valueName: "schedule",
        help: "Inverse-update interval of the planned run (N or "
          + "EPOCH:N,...).",
        default: SecondOrderVariant.thor.defaultInverseInterval.description),
      .value(
        "out", short: "o", valueName: "file",
        help: "Where to write the plan JSON.", default: "plan.json"),
      .value(
        "report", valueName: "folder",
        help: "Where to write the report (Markdown and SVG).",
        defaultDescription: "reports/<dump file name without extension>/"),
      .value(
        "threads", as: Int.self, valueName: "count",
        help: "Factors analysed at once (OpenBLAS uses one thread each).",
        default: String(ProcessInfo.processInfo.activeProcessorCount)),
      .flag("json", help: "Print a JSON summary on stdout instead of text."),
    ]
  }

  let factors: String
  let profile: String?
  let candidates: [Int]?
  let tolerance: Double
  let strategy: SplitStrategy
  let updateBudget: Double
  let damping: Double?
  let dampingForm: DampingForm?
  let schedule: TrainingSchedule
  let intervalSchedule: IntervalSchedule
  let out: String
  let report: String?
  let threads: Int
  let json: Bool
  let words: [String]

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    factors = try arguments.value("factors")
    profile = try arguments.optionalValue("profile")
    if arguments.isGiven("candidates") {
      let list = try arguments.values(
        "candidates", as: Int.self, where: { $0 > 0 },
        "must be a positive integer")
      var seen: Set<Int> = []
      for s in list where !seen.insert(s).inserted {
        throw arguments.invalid("candidates", String(s), "is given twice")
      }
      candidates = list.sorted()
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
    let steps = try arguments.value(
      "steps-per-epoch", as: Int.self, where: { $0 > 0 }, "must be positive")
    let epochs = try arguments.value(
      "epochs", as: Int.self, where: { $0 > 0 }, "must be positive")
    let intervalText: String = try arguments.value("inv-interval")
    let intervals: IntervalSchedule
    do {
      intervals = try IntervalSchedule(parsing: intervalText)
    } catch {
      throw arguments.invalid("inv-interval", intervalText, "\(error)")
    }
    schedule = TrainingSchedule(
      stepsPerEpoch: steps,
      updatesPerEpoch: intervals.updatesPerEpoch(
        stepsPerEpoch: steps, epochs: epochs))
    intervalSchedule = intervals
    out = try arguments.value("out")
    report = try arguments.optionalValue("report")
    threads = try arguments.value(
      "threads", as: Int.self, where: { $0 > 0 }, "must be positive")
    json = arguments.flag("json")
    words = arguments.words
  }

  func run() throws {
    let reportURL = URL(fileURLWithPath: report ?? Self.defaultReport(factors))
    try Self.checkReportFolder(reportURL)
    let (plan, hardware, seconds) = try makePlan()
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
    let progress = SerializedProgress()
    let file = try SafetensorsFile(contentsOf: URL(fileURLWithPath: factors))
    let profileURL = try profile.map { URL(fileURLWithPath: $0) }
      ?? Self.newestProfile(in: Self.profileFolders())
    let hardware = try HardwareProfile.load(from: profileURL)
    let candidates = candidates ?? hardware.results.map(\.dim)
    if hardware.products == nil {
      StandardError.write(
        "note: \(profileURL.relativePath) is a version-\(hardware.version) "
          + "profile without per-step product timings; the training cost "
          + "prices inversions only (re-run 'thor-tune profile' for both)\n")
    }
    let solver = try Solver(
      candidates: candidates, tolerance: tolerance,
      costModel: InversionCostModel(profile: hardware), schedule: schedule,
      updateBudget: updateBudget)
    let catalog = try FactorCatalog(file: file)
    for warning in catalog.warnings {
      StandardError.write("warning: \(warning)\n")
    }
    // Only the per-layer strategy uses the update change (a dense inverse
    // per factor, O(d³)); the others skip it.
    let damping = strategy == .perLayer ? try updateDamping(file) : nil
    let digest = BackgroundDigest(of: URL(fileURLWithPath: factors))
    defer { digest.join() }
    let started = ContinuousClock.now
    let analyses = try Analyser(
      candidates: candidates, threads: threads,
      updateChange: damping.map { UpdateChange(damping: $0.factor) }
    ).analyse(catalog, loader: FactorLoader(file: file)) { step in
        progress.update(
          "Analysing factor \(step.done)/\(step.total) (\(step.tensorName))",
          last: step.done == step.total)
      }
    let elapsed = ContinuousClock.now - started
    progress.line.finish()
    for analysis in analyses where analysis.losses.isZero {
      StandardError.write(
        "warning: factor '\(analysis.tensorName)' is all zero: no loss is "
          + "defined; every split of it is exact\n")
    }
    let provenance = Plan.Provenance(
      factors: factors, factorsSHA256: try digest.wait(),
      profile: profileURL.relativePath, options: recordedOptions(candidates),
      tool: ThorTune.version,
      created: ISO8601DateFormatter().string(from: Date()))
    let plan = solver.plan(
      for: analyses, strategy: strategy, provenance: provenance,
      damping: damping)
    return (plan, hardware, elapsed.inSeconds)
  }

  /// The damping of the update change: options first, then the dump's
  /// metadata (`damping`, `damping_form`), then the trainer's defaults.
  /// - Throws: ``PlanInputError/badMetadata(file:key:value:)``.
  func updateDamping(_ file: SafetensorsFile) throws(PlanInputError)
    -> Plan.Damping
  {
    typealias Key = FactorDumpFormat.MetadataKey
    let metadata = file.metadata
    var lambda = SecondOrderVariant.thor.configuration.damping.initial
    var source = "default"
    if let damping {
      (lambda, source) = (damping, "--damping")
    } else if let text = metadata[Key.damping] {
      guard let value = Double(text), value > 0, value.isFinite else {
        throw .badMetadata(file: factors, key: Key.damping, value: text)
      }
      (lambda, source) = (value, "dump metadata")
    }
    var form = DampingForm.squareRoot
    if let dampingForm {
      form = dampingForm
    } else if let text = metadata[Key.dampingForm] {
      guard let value = DampingForm(rawValue: text), value != .pi else {
        throw .badMetadata(file: factors, key: Key.dampingForm, value: text)
      }
      form = value
    }
    let gamma = form.factorDamping(
      lambda: lambda, traceA: 1, dimensionA: 1, traceG: 1, dimensionG: 1)
    return Plan.Damping(
      lambda: lambda, form: form.rawValue, factor: gamma.a, source: source)
  }

  /// What produced the plan: every option's value and the command line.
  func recordedOptions(_ candidates: [Int]) -> [String: String] {
    [
      "candidates": candidates.map(String.init).joined(separator: ","),
      "tolerance": String(tolerance),
      "strategy": strategy.rawValue,
      "update_budget": String(updateBudget),
      "steps_per_epoch": String(schedule.stepsPerEpoch),
      "epochs": String(schedule.updatesPerEpoch.count),
      "inv_interval": intervalSchedule.description,
      "threads": String(threads),
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
