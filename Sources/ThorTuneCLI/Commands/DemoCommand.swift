import Foundation
import ThorLinalg
import ThorReports
import ThorTraining

/// `thor-tune demo`: the whole loop on a built-in default. Profiles this
/// machine, captures real K-FAC factors of `cnn`, plans the splits, trains
/// SGD and THOR with the plan and writes every result, with an index page,
/// to one folder.
struct DemoCommand: Command {
  static let name = "demo"
  static let abstract =
    "Run the whole loop (profile, factors, plan, SGD vs THOR, reports) on "
    + "Fashion-MNIST cnn."
  static let discussion = """
    Six stages, each the library code of the command named: (1) 'thor-tune \
    profile' times float32 Cholesky inversion and the per-step block \
    products at split dimensions 1 to 2048 (quick settings); (2) \
    'thor-tune train' runs one epoch of K-FAC on the first 12,800 \
    training images of cnn and dumps its Kronecker factors; (3) \
    'thor-tune plan' chooses per-layer splits from the dump \
    and the fresh profile, modelled for the THOR run; (4) and (5) \
    'thor-tune train' trains cnn with SGD (momentum) and with THOR using \
    the plan, same seed, same initialization and data order; (6) the \
    training report (Table 2, Fig. 7) and index.md. The README gives how \
    long the default takes.

    Everything goes to --out (profile.json, factors.safetensors, \
    capture.jsonl, plan.json, plan/, sgd.jsonl, thor.jsonl, training/, \
    index.md), built in a temporary sibling folder that replaces --out \
    only when all stages have finished: an error or Ctrl-C leaves the \
    previous folder as it was and no partial output. Progress goes to \
    stderr; the summary (chosen splits, modelled training seconds per \
    epoch, measured THOR vs SGD epoch time and time to accuracy) to \
    stdout and into index.md.
    """

  static var options: [OptionSpec] {
    [
      .value(
        "out", short: "o", valueName: "folder",
        help: "The folder to write (replaced as a whole).",
        default: "reports/demo"),
      .value(
        "seed", as: UInt64.self,
        help: "Seeds the profile's matrices, initialization and data order.",
        default: 1),
      .value(
        "epochs", as: Int.self, help: "Epochs of the SGD and THOR runs.",
        defaultDescription: "3; 2 with --quick"),
      .value(
        "train-subset", as: Int.self, valueName: "n",
        help: "Train on the first n training images only.",
        defaultDescription: "30000; 512 with --quick"),
      .value(
        "test-subset", as: Int.self, valueName: "n",
        help: "Evaluate on the first n test images only.",
        defaultDescription: "all 10000; 256 with --quick"),
      .list(
        "thresholds", of: Double.self, valueName: "fraction,...",
        help: "Test-accuracy thresholds for the time-to-accuracy comparison.",
        default: TrainingReport.defaultThresholds),
      .flag(
        "quick",
        help: "Tiny settings (small profile and subsets, 2 epochs) that "
          + "finish in seconds; for a first look and for tests."),
      .value(
        "data", valueName: "dir", help: "Folder of the Fashion-MNIST files.",
        default: FashionMNIST.defaultFolder),
      .value(
        "threads", as: Int.self, help: "OpenBLAS threads (and plan workers).",
        defaultDescription: "the number of cores"),
    ]
  }

  let out: String
  let settings: DemoSettings
  let words: [String]

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    let positive = "must be positive"
    let threads =
      try arguments.optionalValue(
        "threads", as: Int.self, where: { $0 > 0 }, positive)
      ?? ProcessInfo.processInfo.activeProcessorCount
    var settings =
      arguments.flag("quick")
      ? DemoSettings.quick(threads: threads)
      : DemoSettings.standard(threads: threads)
    settings.seed = try arguments.value("seed")
    if let epochs = try arguments.optionalValue(
      "epochs", as: Int.self, where: { $0 > 0 }, positive)
    {
      settings.epochs = epochs
    }
    if let n = try arguments.optionalValue(
      "train-subset", as: Int.self, where: { $0 > 0 }, positive)
    {
      settings.trainSubset = n
    }
    if let n = try arguments.optionalValue(
      "test-subset", as: Int.self, where: { $0 > 0 }, positive)
    {
      settings.testSubset = n
    }
    settings.thresholds = try arguments.values(
      "thresholds", as: Double.self, where: { $0 > 0 && $0 <= 1 },
      "must be a fraction in (0, 1]")
    settings.data = try arguments.value("data")
    self.settings = settings
    out = try arguments.value("out")
    words = arguments.words
  }

  func run() throws {
    OpenBLAS.setThreads(settings.threads)
    let url = URL(fileURLWithPath: out)
    var summary = ""
    try OutputWriter.writeFolder(at: url) { folder in
      var demo = DemoRun(
        settings: settings, folder: folder, published: url,
        command: (["thor-tune", Self.name] + words).joined(separator: " "))
      summary = try demo.execute()
    }
    StandardOutput.write(summary)
  }
}
