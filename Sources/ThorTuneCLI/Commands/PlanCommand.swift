import Foundation
import ThorAnalysis
import ThorProfiler
import ThorReports
import ThorSafetensors
import ThorSolver

extension SplitStrategy: ArgumentValue {}

/// `thor-tune plan`: analyses a factor dump (Eq. 11 losses at every
/// candidate split), chooses splits from a hardware profile and writes the
/// plan JSON (DESIGN.md, `plan.json`).
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

    The global split is the paper's (Fig. 5): where the fraction of \
    factors with L < tolerance crosses the normalized performance p1/pn \
    (linear interpolation between candidates), the candidate nearest the \
    crossing; when the curves do not cross, the candidate where they come \
    closest. The per-layer split is, for each factor, the cheapest \
    candidate whose loss is below the tolerance, under the modelled cost \
    floor(d/s)*t(s) + t(d mod s) with t from the profile; not splitting \
    is always allowed. Both are recorded; --strategy says which the \
    layers carry.

    The report folder gets report.md (the paper's Table 1 for this dump \
    and profile, the per-layer table, the modelled inversion times) and \
    SVG charts (Fig. 5, a loss heat map, the inversion times). The plan \
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
          + "profiles/"),
      .list(
        "candidates", of: Int.self, valueName: "s,...",
        help: "Candidate split dimensions.",
        defaultDescription: "the profile's dims"),
      .value(
        "tolerance", as: Double.self,
        help: "Largest accepted loss L (exclusive).", default: "0.01"),
      .value(
        "strategy", as: SplitStrategy.self,
        help: "Which split the layers carry; the global one is always "
          + "recorded.",
        default: SplitStrategy.perLayer.rawValue),
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
      ?? Self.newestProfile(in: URL(fileURLWithPath: "profiles"))
    let hardware = try HardwareProfile.load(from: profileURL)
    let candidates = candidates ?? hardware.results.map(\.dim)
    let solver = try Solver(
      candidates: candidates, tolerance: tolerance,
      costModel: InversionCostModel(profile: hardware))
    let catalog = try FactorCatalog(file: file)
    for warning in catalog.warnings {
      StandardError.write("warning: \(warning)\n")
    }
    let digest = BackgroundDigest(of: URL(fileURLWithPath: factors))
    defer { digest.join() }
    let started = ContinuousClock.now
    let analyses = try Analyser(candidates: candidates, threads: threads)
      .analyse(catalog, loader: FactorLoader(file: file)) { step in
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
      for: analyses, strategy: strategy, provenance: provenance)
    let seconds = Double(elapsed.components.seconds)
      + Double(elapsed.components.attoseconds) * 1e-18
    return (plan, hardware, seconds)
  }

  /// What produced the plan: every option's value and the command line.
  func recordedOptions(_ candidates: [Int]) -> [String: String] {
    [
      "candidates": candidates.map(String.init).joined(separator: ","),
      "tolerance": String(tolerance),
      "strategy": strategy.rawValue,
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
