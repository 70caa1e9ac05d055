import Foundation
import ThorFormats
import ThorLinalg
import ThorProfiler
import ThorReports
import ThorSolver
import ThorTraining

/// One `thor-tune demo` run: six stages writing into `folder`, the
/// temporary folder that becomes `published` once all have finished.
///
/// Each stage builds the typed command it stands for (``DemoSettings``) and
/// runs that command's code; the equivalent command recorded in `index.md`
/// is the same command built for the published folder, rendered back to
/// its words, so it does exactly what the demo did.
struct DemoRun {
  static let stageCount = 6

  let settings: DemoSettings
  /// Where the files are written now.
  let folder: URL
  /// Where they will be once the demo has finished.
  let published: URL
  /// The demo's command line, for the records.
  let command: String
  private(set) var stages: [DemoSummary.Stage] = []
  /// Each stage's equivalent command line, with published paths.
  private(set) var commands: [String] = []
  private var stageStart = ContinuousClock.now
  private var stageNumber = 0

  init(settings: DemoSettings, folder: URL, published: URL, command: String) {
    self.settings = settings
    self.folder = folder
    self.published = published
    self.command = command
  }

  /// Runs the stages and writes the index; returns the summary text.
  /// - Throws: the first stage's error.
  mutating func execute() throws -> String {
    let started = ContinuousClock.now
    let loadBefore = HardwareProfile.Machine.loadAverage() ?? "unknown"
    let machine = HardwareProfile.Machine.current()
    StandardError.write(
      "Demo of \(DemoSettings.model) on \(machine.cpu), "
        + "\(settings.threads) thread(s); writing \(shown(nil))/ (replaced "
        + "when all stages have finished)\n")

    // Loaded once for all runs, and first, so a missing file fails fast.
    StandardError.write("Loading Fashion-MNIST from \(settings.data)\n")
    let loadStart = ContinuousClock.now
    let data = try FashionMNIST.load(
      folder: settings.data, trainLimit: settings.trainSubset,
      testLimit: settings.testSubset)
    stages.append(
      DemoSummary.Stage(name: "data", seconds: loadStart.secondsElapsed))

    begin(1, "Profiling matrix inversion on this machine")
    let profile = try profileMachine(machine)
    end("profile", wrote: [.profile])

    begin(2, "Capturing Kronecker factors: one epoch of K-FAC on cnn")
    try train(data) {
      try $0.capture(log: $1(.capture), dump: $1(.factors))
    }
    end("factors", wrote: [.factors, .capture])

    begin(3, "Planning splits from the factors and the fresh profile")
    let plan = try makePlan(profile: profile)
    end("plan", wrote: [.plan, .planReport])

    begin(4, "Training cnn with SGD, \(settings.epochs) epoch(s)")
    try train(data) { try $0.sgd(log: $1(.sgd)) }
    end("sgd", wrote: [.sgd])

    begin(
      5,
      "Training cnn with THOR and the plan, \(settings.epochs) "
        + "epoch(s)")
    try train(data) { try $0.thor(log: $1(.thor), plan: $1(.plan)) }
    end("thor", wrote: [.thor])

    begin(6, "Writing the training report and the index")
    let report = try settings.report(
      sgd: shown(.sgd), thor: shown(.thor), out: shown(.trainingReport)
    ).checked()
    // Read where they are now, shown where they will be.
    let runs = try zip(report.labels, [DemoFile.sgd, .thor]).map {
      TrainingRun(
        label: $0, source: shown($1),
        records: try TrainingLogReader.read(url($1)))
    }
    try ReportCommand.writeReport(
      TrainingReport.render(runs: runs, thresholds: report.thresholds),
      to: url(.trainingReport))
    record(report)
    end("reports", wrote: [.trainingReport])

    let summary = DemoSummary(
      folder: shown(nil), plan: plan, runs: runs,
      thresholds: settings.thresholds, stages: stages,
      totalSeconds: started.secondsElapsed)
    let index = DemoIndex(
      settings: settings.indexSettings, files: DemoFile.indexFiles,
      summary: summary, machine: machine, tool: ThorTune.version,
      created: Date(), command: command, commands: commands,
      loadBefore: loadBefore,
      loadAfter: HardwareProfile.Machine.loadAverage() ?? "unknown",
      factorsBytes: try Self.size(of: url(.factors)),
      factorsSHA256: plan.provenance.factorsSHA256)
    try OutputWriter.write(Data(index.markdown.utf8), to: url(.index))
    return summary.text
  }

  /// Stage 1: `thor-tune profile`, recording the demo that ran it.
  private mutating func profileMachine(_ machine: HardwareProfile.Machine)
    throws -> HardwareProfile
  {
    let stage = try settings.profile(out: nil).checked()
    var profile = try stage.measure(on: machine)
    profile.options["demo"] = command
    try OutputWriter.writeJSON(profile, to: url(.profile))
    record(try settings.profile(out: shown(.profile)))
    return profile
  }

  /// Stage 3: `thor-tune plan`, with the published paths in its
  /// provenance, and the plan report (Table 1, Fig. 5) next to it.
  private mutating func makePlan(profile: HardwareProfile) throws -> Plan {
    let stage = try settings.plan(
      factors: path(.factors), profile: path(.profile), out: path(.plan),
      report: path(.planReport)
    ).checked()
    let published = try settings.plan(
      factors: shown(.factors), profile: shown(.profile), out: shown(.plan),
      report: shown(.planReport))
    var plan = try stage.makePlan().plan
    plan.provenance.factors = shown(.factors)
    plan.provenance.profile = shown(.profile)
    plan.provenance.options.merge(
      published.runOptions(factors: shown(.factors))
    ) { _, published in published }
    plan.provenance.options["demo"] = command
    try OutputWriter.writeJSON(plan, to: url(.plan))
    try ReportCommand.writeReport(
      try PlanReport.render(plan: plan, profile: profile),
      to: url(.planReport))
    record(published)
    return plan
  }

  /// Stages 2, 4 and 5: `thor-tune train` on the data loaded once, cut to
  /// the command's subsets; `make` builds the command from the settings
  /// and the path of each file.
  private mutating func train(
    _ data: (train: Dataset, test: Dataset),
    _ make: (DemoSettings, (DemoFile) -> String) throws -> TrainCommand
  ) throws {
    let command = try make(settings) { path($0) }.checked()
    try command.run(
      train: data.train.prefix(command.trainSubset ?? data.train.count),
      test: data.test.prefix(command.testSubset ?? data.test.count))
    record(try make(settings) { shown($0) })
  }

  private mutating func begin(_ stage: Int, _ title: String) {
    stageStart = .now
    stageNumber = stage
    StandardError.write("[\(stage)/\(Self.stageCount)] \(title)\n")
  }

  private mutating func end(_ name: String, wrote files: [DemoFile]) {
    let seconds = stageStart.secondsElapsed
    stages.append(DemoSummary.Stage(name: name, seconds: seconds))
    StandardError.write(
      "[\(stageNumber)/\(Self.stageCount)] done in "
        + DemoSummary.seconds(seconds) + ": "
        + files.map { shown($0) }.joined(separator: ", ") + "\n")
  }

  /// Records a stage's equivalent command line.
  private mutating func record(_ stage: some RenderableCommand) {
    commands.append(
      (["thor-tune", type(of: stage).name] + stage.renderedWords)
        .joined(separator: " "))
  }

  /// Where `file` is written now.
  private func url(_ file: DemoFile) -> URL {
    folder.appendingPathComponent(file.rawValue)
  }

  private func path(_ file: DemoFile) -> String { url(file).path }

  /// `file` (or the folder, for `nil`) as the user will find it.
  func shown(_ file: DemoFile?) -> String {
    guard let file else { return published.relativePath }
    return published.appendingPathComponent(file.rawValue).relativePath
  }

  private static func size(of url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(
      atPath: url.path)
    return (attributes[.size] as? NSNumber)?.intValue ?? 0
  }
}
