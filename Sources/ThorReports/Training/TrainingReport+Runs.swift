extension TrainingReport {
  static func runsSection(_ runs: [TrainingRun], thresholds: [Double])
    -> String
  {
    var out = "\n## Runs\n\n"
    var sources = MarkdownTable(
      header: ["run", "log", "model", "optimizer", "seed", "epochs"],
      leftColumns: 4)
    for run in runs {
      let first = run.records[0]
      sources.append([
        run.label, run.source, first.model, first.optimizer,
        String(first.seed), String(run.records.count),
      ])
    }
    out += sources.render()
    out += "\n## Summary (the paper's Table 2)\n\n"
    out += summaryTable(runs, thresholds: thresholds)
    out += "\nTimes are training wall-clock seconds (evaluation excluded, "
    out += "the logs' `total_seconds`) at the end of the first epoch whose "
    out += "test accuracy reaches the threshold; — where it never does. "
    out += "Time per epoch is the median of `epoch_seconds`.\n"
    out += "\n## Curves (the paper's Fig. 7)\n\n"
    out += "![(a) training loss against epoch](\(lossByEpochFile))\n"
    out += "![(b) training loss against time](\(lossByTimeFile))\n"
    out += "![(c) test accuracy against epoch](\(accuracyByEpochFile))\n"
    out += "![(d) test accuracy against time](\(accuracyByTimeFile))\n"
    return out
  }

  static func summaryTable(_ runs: [TrainingRun], thresholds: [Double])
    -> String
  {
    let summaries = runs.map { RunSummary($0.records, thresholds: thresholds) }
    var table = MarkdownTable(header: [""] + runs.map(\.label))
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
    return table.render()
  }
}
