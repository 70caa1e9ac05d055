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
/// Each stage builds the command it stands for from its command-line words
/// (``Command/make(_:)``) and runs that command's code, so the equivalent
/// commands recorded in `index.md` do exactly what the demo did.
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
    try train(
      .capture,
      settings.captureWords(
        log: path(.capture), dump: path(.factors)), data)
    end("factors", wrote: [.factors, .capture])

    begin(3, "Planning splits from the factors and the fresh profile")
    let plan = try makePlan(profile: profile)
    end("plan", wrote: [.plan, .planReport])

    begin(4, "Training cnn with SGD, \(settings.epochs) epoch(s)")
    try train(.sgd, settings.sgdWords(log: path(.sgd)), data)
    end("sgd", wrote: [.sgd])

    begin(
      5,
      "Training cnn with THOR and the plan, \(settings.epochs) "
        + "epoch(s)")
    try train(
      .thor, settings.thorWords(log: path(.thor), plan: path(.plan)), data)
    end("thor", wrote: [.thor])

    begin(6, "Writing the training report and the index")
    let runs = try [DemoFile.sgd, .thor].map { file in
      TrainingRun(
        label: file == .sgd ? "sgd" : "thor", source: shown(file),
        records: try TrainingLogReader.read(url(file)))
    }
    try ReportCommand.writeReport(
      TrainingReport.render(runs: runs, thresholds: settings.thresholds),
      to: url(.trainingReport))
    commands.append(
      ([
        "thor-tune", "report", "--log", shown(.sgd), "--log", shown(.thor),
        "--label", "sgd,thor", "--thresholds",
        settings.thresholds.map { "\($0)" }.joined(separator: ","),
        "--out", shown(.trainingReport),
      ]).joined(separator: " "))
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
    let words = settings.profileWords
    var profile = try ProfileCommand.make(words).measure(on: machine)
    profile.options["demo"] = command
    try OutputWriter.writeJSON(profile, to: url(.profile))
    record("profile", words + ["--out", shown(.profile)])
    return profile
  }

  /// Stage 3: `thor-tune plan`, with the published paths in its
  /// provenance, and the plan report (Table 1, Fig. 5) next to it.
  private mutating func makePlan(profile: HardwareProfile) throws -> Plan {
    let words = settings.planWords(
      factors: path(.factors), profile: path(.profile), out: path(.plan),
      report: path(.planReport))
    var plan = try PlanCommand.make(words).makePlan().plan
    plan.provenance.factors = shown(.factors)
    plan.provenance.profile = shown(.profile)
    plan.provenance.options = plan.provenance.options.mapValues(relocated)
    plan.provenance.options["demo"] = command
    try OutputWriter.writeJSON(plan, to: url(.plan))
    try ReportCommand.writeReport(
      try PlanReport.render(plan: plan, profile: profile),
      to: url(.planReport))
    record("plan", words)
    return plan
  }

  /// Stages 2, 4 and 5: `thor-tune train` on the data loaded once, cut to
  /// the command's subsets.
  private mutating func train(
    _ log: DemoFile, _ words: [String],
    _ data: (train: Dataset, test: Dataset)
  ) throws {
    let command = try TrainCommand.make(words)
    try command.run(
      train: data.train.prefix(command.trainSubset ?? data.train.count),
      test: data.test.prefix(command.testSubset ?? data.test.count))
    record("train", words)
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
  private mutating func record(_ name: String, _ words: [String]) {
    commands.append(
      (["thor-tune", name] + words.map(relocated)).joined(separator: " "))
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

  /// `text` with the temporary folder's path replaced by the published one.
  private func relocated(_ text: String) -> String {
    text.replacingOccurrences(of: folder.path, with: shown(nil))
  }

  private static func size(of url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(
      atPath: url.path)
    return (attributes[.size] as? NSNumber)?.intValue ?? 0
  }
}
