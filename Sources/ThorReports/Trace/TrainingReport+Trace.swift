extension TrainingReport {
  /// The trace-rule thresholds of the paper: ω₁ (THOR) and ω₂ (THOR_stop).
  static let omega1 = 0.01
  static let omega2 = 0.001

  static func traceSection(_ change: TraceChange) -> [ReportDocument.Block] {
    let steps =
      change.steps.count <= 12
      ? change.steps.map(String.init).joined(separator: ", ")
      : "\(change.steps[0]) to \(change.steps[change.steps.count - 1])"
    var table = ReportTable(
      header: [
        "layer", "d_A", "d_G", "first Δ", "median Δ", "last Δ",
        "Δ in [ω₂, ω₁]", "Δ < ω₂",
      ], leftColumns: 1)
    for layer in change.layers {
      let deltas = layer.points.map(\.delta)
      let median = deltas.median
      let between = deltas.filter { $0 >= omega2 && $0 <= omega1 }.count
      let below = deltas.filter { $0 < omega2 }.count
      table.append([
        layer.name, String(layer.dimA), String(layer.dimG),
        NumberText.scientific(deltas[0]), NumberText.scientific(median),
        NumberText.scientific(deltas[deltas.count - 1]),
        "\(between) of \(deltas.count)", "\(below) of \(deltas.count)",
      ])
    }
    var blocks: [ReportDocument.Block] = [
      .heading(level: 2, "Trace change rate (the paper's Fig. 2)"),
      .paragraph(
        "Δ = |tr(F_k + λI) − tr(F_{k−1} + λI)| / |tr(F_{k−1} + λI)| "
          + "(Eq. 8) with tr(F + λI) = tr(A)·tr(G) + λ·d_A·d_G, between "
          + "consecutive dumps (\(change.steps.count) dumps, steps "
          + "\(steps)); λ = \(NumberText.short(change.damping))."),
      .table(table),
      .paragraph(
        "ω₁ = 0.01 and ω₂ = 0.001 are the paper's thresholds: above ω₁ "
          + "THOR updates a layer's inverse, between them it keeps the "
          + "previous one, below ω₂ THOR_stop freezes it (Eq. 9)."),
    ]
    let zeros = change.layers.flatMap(\.points).filter { $0.delta == 0 }.count
    if zeros > 0 {
      blocks.append(
        .paragraph(
          "\(zeros) Δ of exactly 0 are left out of the log-scale chart."))
    }
    if !change.notes.isEmpty {
      blocks.append(.list(change.notes.map(MarkdownRenderer.escape)))
    }
    blocks.append(
      .image("Fig. 2: trace change rate per layer", file: traceChangeFile))
    return blocks
  }

  static func traceChart(_ change: TraceChange) -> LineChart {
    LineChart(
      title: "Trace change rate Δ per layer (Fig. 2)",
      xAxis: Axis(label: "iteration (step)"),
      yAxis: Axis(label: "Δ (Eq. 8)", scale: .logarithmic(base: 10)),
      series: change.layers.map { layer in
        .init(
          name: layer.name,
          points: layer.points.map {
            ChartPoint(x: Double($0.step), y: $0.delta)
          })
      },
      referenceLines: [
        .init(.horizontal, at: omega1, label: "ω₁ = 0.01", color: "#999999"),
        .init(.horizontal, at: omega2, label: "ω₂ = 0.001", color: "#999999"),
      ])
  }
}
