extension TrainingReport {
  enum Quantity { case loss, accuracy }
  enum Abscissa { case epoch, time }

  /// One panel of Fig. 7: every run overlaid.
  static func curve(
    _ runs: [TrainingRun], _ quantity: Quantity, _ abscissa: Abscissa,
    thresholds: [Double] = []
  ) -> LineChart {
    let series = runs.map { run in
      LineChart.Series(
        name: run.label,
        points: run.records.map { record in
          ChartPoint(
            x: abscissa == .epoch
              ? Double(record.epoch) : record.totalSeconds,
            y: quantity == .loss ? record.trainLoss : record.testAccuracy)
        })
    }
    let xAxis =
      abscissa == .epoch
      ? Axis(label: "epoch")
      : Axis(label: "training wall time (s)", includesZero: true)
    let yAxis =
      quantity == .loss
      ? Axis(label: "training loss")
      : Axis(label: "test accuracy", format: .percent)
    let what = quantity == .loss ? "Training loss" : "Test accuracy"
    let against = abscissa == .epoch ? "epoch" : "wall time"
    let panel = ["a", "b", "c", "d"][
      (quantity == .loss ? 0 : 2) + (abscissa == .epoch ? 0 : 1)]
    return LineChart(
      title: "\(what) against \(against) (Fig. 7\(panel))", xAxis: xAxis,
      yAxis: yAxis, series: series,
      referenceLines: thresholds.map {
        .init(
          .horizontal, at: $0, label: NumberText.thresholdPercent($0),
          color: "#999999")
      })
  }
}
