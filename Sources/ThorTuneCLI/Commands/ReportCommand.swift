import Foundation
import ThorFormats
import ThorReports
import ThorTraining

/// `thor-tune report`: the paper's Table 2 and Fig. 7 from training logs,
/// and its Fig. 2 (trace change rate) from a series of factor dumps.
struct ReportCommand: Command {
  static let name = "report"
  static let abstract =
    "Summarize training logs (Table 2, Fig. 7) and factor dumps (Fig. 2) "
    + "as Markdown and SVG."
  static let discussion = """
    From one or more training logs (--log, the JSON Lines 'thor-tune \
    train' writes): a Table-2-style summary (best test accuracy, median \
    seconds per epoch, training seconds to each accuracy threshold) and \
    the paper's Fig. 7 as four SVG charts: training loss and test accuracy \
    against epoch and against training wall time, runs overlaid.

    From factor dumps of one run (--dumps: files, or folders of \
    .safetensors files, e.g. from 'thor-tune train --dump-every'): the \
    paper's Fig. 2, the trace change rate of Eq. 8 per layer against \
    iteration, with tr(F + lambda I) = tr(A) tr(G) + lambda d_A d_G from \
    the factors' diagonals. A dump's step is its 'step' metadata, else the \
    number in its file name.

    The folder --out is written completely or not at all: report.md and \
    the SVGs are built in a temporary sibling folder and renamed into \
    place, replacing an earlier report there.
    """

  static var options: [OptionSpec] {
    [
      .list(
        "log", valueName: "file",
        help: "A training log (JSON Lines, one epoch per line); repeat for "
          + "runs to overlay."),
      .list(
        "label", valueName: "name",
        help: "Names for the runs, one per --log in order.",
        defaultDescription: "the optimizer, with the file name when two "
          + "runs share it"),
      .list(
        "thresholds", of: Double.self, valueName: "fraction,...",
        help: "Test-accuracy thresholds for the time-to-accuracy rows.",
        default: TrainingReport.defaultThresholds),
      .list(
        "dumps", valueName: "path",
        help: "Factor dumps of one run, or folders holding them, for the "
          + "trace change rate (Fig. 2)."),
      .value(
        "damping", as: Double.self, valueName: "lambda",
        help: "The damping lambda in tr(F + lambda I) for Fig. 2.",
        default: 0),
      .value(
        "out", short: "o", valueName: "folder",
        help: "The report folder to write.",
        defaultDescription: "reports/<first log's or dump folder's name>"),
    ]
  }

  var logs: [String]
  var labels: [String]
  var thresholds: [Double]
  var dumps: [String]
  var damping: Double
  /// `--out` as given.
  var outOption: String?

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    logs = try arguments.values("log")
    labels = try arguments.values("label")
    thresholds = try arguments.values(
      "thresholds", as: Double.self, where: { $0 > 0 && $0 <= 1 },
      "must be a fraction in (0, 1]")
    dumps = try arguments.values("dumps")
    damping = try arguments.value(
      "damping", where: { $0 >= 0 && $0.isFinite },
      "must be a non-negative number")
    outOption = try arguments.optionalValue("out")
  }

  func validate() throws(CommandLineError) {
    guard !logs.isEmpty || !dumps.isEmpty else {
      throw .missingRequired("--log <file> or --dumps <path>")
    }
    if !labels.isEmpty, labels.count != logs.count {
      throw Self.invalid(
        "label", labels.joined(separator: ","),
        "gives \(labels.count) label(s) for \(logs.count) log(s)")
    }
  }

  /// `--out`, else `reports/<first input's name without extension>`.
  var out: String {
    if let outOption { return outOption }
    let first = logs.first ?? dumps.first ?? ""
    let stem = URL(fileURLWithPath: first).deletingPathExtension()
      .lastPathComponent
    return "reports/\(stem)"
  }

  func run() throws {
    var logged: [(source: String, records: [EpochRecord])] = []
    for path in logs {
      let url = URL(fileURLWithPath: path)
      logged.append((path, try TrainingLogReader.read(url)))
    }
    let names =
      labels.isEmpty
      ? TrainingRun.defaultLabels(for: logged) : labels
    let runs = zip(names, logged).map {
      TrainingRun(label: $0, source: $1.source, records: $1.records)
    }
    var change: TraceChange?
    if !dumps.isEmpty {
      let progress = ProgressLine()
      progress.update("Reading factor dumps")
      let traces: [FactorTraces]
      do {
        defer { progress.finish() }
        traces = try FactorTraces.load(paths: dumps)
      }
      change = try TraceChange(dumps: traces, damping: damping)
    }
    let files = TrainingReport.render(
      runs: runs, thresholds: thresholds, traceChange: change)
    let url = URL(fileURLWithPath: out)
    try Self.writeReport(files, to: url)
    StandardError.write(
      "Wrote \(url.relativePath)/: "
        + files.keys.sorted()
        .joined(separator: ", ") + "\n")
  }

  /// Writes a rendered report (file name → contents) as the folder `url`,
  /// atomically: all files or, after an error or Ctrl-C, none.
  /// - Throws: ``OutputError``.
  static func writeReport(_ files: [String: String], to url: URL) throws {
    try OutputWriter.writeFolder(at: url) { folder in
      for name in files.keys.sorted() {
        let file = folder.appendingPathComponent(name)
        try FileSystem.writeNew(
          Data(files[name]!.utf8), to: file,
          reportedAs: url.appendingPathComponent(name))
      }
    }
  }
}
