/// The report `thor-tune report` writes: `report.md` with a Table-2-style
/// summary of training runs and the paper's Fig. 7 (four SVGs), and, from
/// a series of factor dumps, the paper's Fig. 2 (trace change rate).
package enum TrainingReport {
  /// The accuracy thresholds of Table 2 on Fashion-MNIST.
  package static let defaultThresholds = [0.88, 0.90, 0.91]

  package static let markdownFile = "report.md"
  /// Fig. 7 (a)-(d): training loss and test accuracy against epoch and
  /// against training wall time.
  package static let lossByEpochFile = "fig7a-train-loss-epoch.svg"
  package static let lossByTimeFile = "fig7b-train-loss-time.svg"
  package static let accuracyByEpochFile = "fig7c-test-accuracy-epoch.svg"
  package static let accuracyByTimeFile = "fig7d-test-accuracy-time.svg"
  /// Fig. 2: Δ per layer against iteration.
  package static let traceChangeFile = "fig2-trace-change.svg"

  /// Renders the report: file name → contents, for the caller to write.
  /// Either part may be empty: runs without dumps, or dumps without runs.
  package static func render(
    runs: [TrainingRun], thresholds: [Double] = defaultThresholds,
    traceChange: TraceChange? = nil
  ) -> [String: String] {
    var files: [String: String] = [:]
    var blocks: [ReportDocument.Block] = [
      .heading(level: 1, "Training report")
    ]
    if !runs.isEmpty {
      blocks += runsSection(runs, thresholds: thresholds)
      files[lossByEpochFile] = curve(runs, .loss, .epoch).render()
      files[lossByTimeFile] = curve(runs, .loss, .time).render()
      files[accuracyByEpochFile] =
        curve(runs, .accuracy, .epoch, thresholds: thresholds).render()
      files[accuracyByTimeFile] =
        curve(runs, .accuracy, .time, thresholds: thresholds).render()
    }
    if let traceChange {
      blocks += traceSection(traceChange)
      files[traceChangeFile] = traceChart(traceChange).render()
    }
    files[markdownFile] = MarkdownRenderer.render(
      ReportDocument(blocks: blocks))
    return files
  }
}
