extension TrainingReport {
  static func runsSection(_ runs: [TrainingRun], thresholds: [Double])
    -> [ReportDocument.Block]
  {
    var sources = ReportTable(
      header: ["run", "log", "model", "optimizer", "seed", "epochs"],
      leftColumns: 4)
    for run in runs {
      let first = run.records[0]
      sources.append([
        run.label, run.source, first.model, first.optimizer,
        String(first.seed), String(run.records.count),
      ])
    }
    return [
      .heading(level: 2, "Runs"), .table(sources),
      .heading(level: 2, "Summary (the paper's Table 2)"),
      .table(summaryTable(runs, thresholds: thresholds)),
      .paragraph(
        "Times are training wall-clock seconds (evaluation excluded, the "
          + "logs' `total_seconds`) at the end of the first epoch whose "
          + "test accuracy reaches the threshold; — where it never does. "
          + "Time per epoch is the median of `epoch_seconds`."),
      .heading(level: 2, "Curves (the paper's Fig. 7)"),
      .images([
        .init(alt: "(a) training loss against epoch", file: lossByEpochFile),
        .init(alt: "(b) training loss against time", file: lossByTimeFile),
        .init(
          alt: "(c) test accuracy against epoch", file: accuracyByEpochFile),
        .init(
          alt: "(d) test accuracy against time", file: accuracyByTimeFile),
      ]),
    ]
  }

  static func summaryTable(_ runs: [TrainingRun], thresholds: [Double])
    -> ReportTable
  {
    let summaries = runs.map { RunSummary($0.records, thresholds: thresholds) }
    var table = ReportTable(header: [""] + runs.map(\.label))
    table.append(
      ["best test accuracy"]
        + summaries.map { NumberText.percent($0.bestTestAccuracy) })
    table.append(["epochs"] + summaries.map { String($0.epochs) })
    table.append(
      ["time per epoch"]
        + summaries.map { NumberText.seconds($0.medianEpochSeconds) })
    for (index, threshold) in thresholds.enumerated() {
      table.append(
        ["time to \(NumberText.thresholdPercent(threshold))"]
          + summaries.map { summary in
            summary.reached[index].map {
              "\(NumberText.seconds($0.seconds)) (epoch \($0.epoch))"
            } ?? NumberText.none
          })
    }
    table.append(
      ["training time"] + summaries.map { NumberText.seconds($0.totalSeconds) })
    let parts: [(String, KeyPath<RunSummary, Double>)] = [
      ("of which factors", \.factorSeconds),
      ("of which inversion", \.inverseSeconds),
      ("of which preconditioning", \.preconditionSeconds),
    ]
    for (name, key) in parts {
      table.append(
        [name] + summaries.map { NumberText.seconds($0[keyPath: key]) })
    }
    return table
  }
}
