import ThorFormats

extension PlanReport {
  /// Fig. 5: the fraction of factors within tolerance and `p₁/pₙ` against
  /// split dimension (log₂), with the crossing and the global split.
  static func curvesChart(plan: Plan) -> LineChart {
    let dims = plan.candidates.map(Double.init)
    let percent = NumberText.thresholdPercent(plan.tolerance)
    func points(_ values: [Double]) -> [ChartPoint] {
      zip(dims, values).map { ChartPoint(x: $0, y: $1) }
    }
    var annotations: [LineChart.Annotation] = []
    if let crossing = plan.global.intersection {
      annotations.append(
        .init(
          ChartPoint(x: crossing.dim, y: crossing.value),
          label: "crossing (\(NumberText.short(crossing.dim)), "
            + "\(NumberText.fixed(crossing.value, decimals: 2)))"))
    }
    return LineChart(
      title: "Loss against performance (Fig. 5)",
      xAxis: Axis(
        label: "split dimension", scale: .logarithmic(base: 2), ticks: dims),
      yAxis: Axis(label: "normalized value", domain: 0...1),
      series: [
        .init(
          name: "normalized loss (fraction with L < \(percent))",
          points: points(plan.global.fractionWithinTolerance), markers: true),
        .init(
          name: "normalized performance p₁/pₙ",
          points: points(plan.global.normalizedPerformance), markers: true),
      ],
      referenceLines: [
        .init(
          .vertical, at: Double(plan.global.split),
          label: "global split \(plan.global.split)")
      ], annotations: annotations)
  }

  /// Eq. 11 loss per factor × candidate, with each factor's chosen split
  /// dotted and the global split's column outlined.
  static func heatMap(plan: Plan) -> HeatMap {
    let factors = factors(of: plan)
    let tolerance = plan.tolerance
    let domain = 1e-4...1.0
    let scaleAxis = Axis(label: "loss L", scale: .logarithmic(base: 10))
    let breakPoint = ColorScale.fraction(
      tolerance, scale: scaleAxis.scale, domain: domain)
    let scale = ColorScale(
      axis: scaleAxis, domain: domain,
      stops: [
        .init(0, "#08306b"), .init(breakPoint, "#9ecae1"),
        .init(breakPoint, "#fee08b"), .init(1, "#a50026"),
      ],
      marks: [
        .init(
          tolerance, label: "tolerance \(NumberText.short(tolerance))")
      ])
    let marked = factors.enumerated().compactMap { row, entry in
      plan.candidates.firstIndex(of: entry.factor.split).map {
        HeatMap.Cell(row: row, column: $0)
      }
    }
    return HeatMap(
      title: "Eq. 11 loss per factor and split",
      rowTitle: "factor", columnTitle: "split dimension",
      rowLabels: factors.map(\.label),
      columnLabels: plan.candidates.map(String.init),
      values: factors.map(\.factor.losses), colorScale: scale,
      marked: marked, markLabel: "chosen split (\(plan.strategy))",
      outlinedColumn: plan.candidates.firstIndex(of: plan.global.split),
      outlineLabel: "global split \(plan.global.split)",
      missingLabel: "all-zero factor")
  }

  /// Modelled inversion time per inverse update of the three choices.
  static func timesChart(plan: Plan) -> BarChart {
    let t = plan.totals
    let times = [
      t.noSplitMicroseconds, t.globalMicroseconds, t.perLayerMicroseconds,
    ]
    let inMilliseconds = (times.max() ?? 0) >= 1000
    let unit = inMilliseconds ? "ms" : "µs"
    let scale = inMilliseconds ? 1e-3 : 1
    let worst = [0, t.globalWorstLoss, t.perLayerWorstLoss]
    let labels = [
      "no split (K-FAC)", "global split \(plan.global.split) (paper)",
      "per-layer plan",
    ]
    let categories = times.indices.map { index in
      let time = times[index]
      var note = NumberText.duration(microseconds: time)
      if index > 0 {
        note += " · " + NumberText.speedUp(t.noSplitMicroseconds / time)
        note += " · worst L \(NumberText.fixed4(worst[index]))"
      }
      return BarChart.Category(
        label: labels[index], values: [time * scale], notes: [note])
    }
    return BarChart(
      title: "Modelled inversion time per inverse update",
      valueAxis: Axis(label: "time (\(unit))"), seriesNames: ["time"],
      categories: categories)
  }
}
