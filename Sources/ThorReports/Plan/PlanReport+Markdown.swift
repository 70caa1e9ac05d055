import ThorFormats

extension PlanReport {
  static func markdown(plan: Plan, profile: HardwareProfile, table: SplitTable)
    -> String
  {
    MarkdownRenderer.render(
      document(plan: plan, profile: profile, table: table))
  }

  /// The report's blocks, for ``MarkdownRenderer``.
  static func document(
    plan: Plan, profile: HardwareProfile, table: SplitTable
  ) -> ReportDocument {
    let name =
      plan.provenance.factors.split(separator: "/").last
      .map(String.init) ?? plan.provenance.factors
    var blocks: [ReportDocument.Block] = [
      .heading(level: 1, "Split plan for \(MarkdownRenderer.escape(name))"),
      .list(provenance(plan: plan, profile: profile)),
      .heading(level: 2, "Loss against performance (the paper's Table 1)"),
    ]
    blocks += table1(table, tolerance: plan.tolerance)
    blocks += globalChoice(plan: plan, table: table)
    blocks.append(
      .image(
        "Fig. 5: normalized loss and performance against split dimension",
        file: curvesFile))
    blocks.append(
      .heading(level: 2, "Modelled inversion time per inverse update"))
    blocks += totals(plan)
    blocks.append(
      .image("Modelled inversion time of the three choices", file: timesFile))
    blocks += training(plan)
    blocks.append(
      .heading(
        level: 2,
        "Per-factor splits (strategy: "
          + "\(MarkdownRenderer.escape(plan.strategy.rawValue)))"))
    blocks += perFactor(plan)
    blocks.append(
      .image(
        "Eq. 11 loss per factor and candidate split", file: heatMapFile))
    return ReportDocument(blocks: blocks)
  }

  private static func provenance(plan: Plan, profile: HardwareProfile)
    -> [String]
  {
    let p = plan.provenance
    let m = profile.machine
    var items = [
      "Factors: `\(p.factors)` (SHA-256 `\(p.factorsSHA256)`)",
      "Profile: `\(p.profile)`, \(profile.method) inversion in "
        + "\(profile.dtype), created \(profile.created)",
      "Machine: "
        + MarkdownRenderer.escape(
          "\(m.cpu), \(m.cores) cores, BLAS threads: \(m.threads), "
            + "\(m.blas), \(m.os)"),
    ]
    if let source = profile.source {
      items.append("Profile source: " + MarkdownRenderer.escape(source))
    }
    items += [
      "Candidates: "
        + plan.candidates.map(String.init)
        .joined(separator: ", "),
      "Tolerance: L < \(NumberText.short(plan.tolerance)); strategy: "
        + plan.strategy.rawValue,
      "Produced by thor-tune \(p.tool) on \(p.created)",
    ]
    if let peak = p.peakResidentBytes {
      items.append(
        "Peak resident memory of the analysis: \(ByteText.size(peak))")
    }
    if !p.options.isEmpty {
      let options = p.options.keys.sorted().map { "\($0)=\(p.options[$0]!)" }
      items.append("Options: " + options.joined(separator: ", "))
    }
    return items
  }

  private static func table1(_ table: SplitTable, tolerance: Double)
    -> [ReportDocument.Block]
  {
    let percent = NumberText.thresholdPercent(tolerance)
    var md = ReportTable(
      header: ["split dimension"] + table.candidates.map(String.init))
    md.append(
      ["matrix number (L < \(percent))"]
        + table.withinTolerance.map(String.init))
    md.append(
      ["performance (µs)"]
        + table.performance.map { $0.map(NumberText.short) ?? NumberText.none })
    md.append(
      ["normalized loss of matrix"]
        + table.normalizedLoss.map(NumberText.fixed4))
    md.append(
      ["normalized performance"]
        + table.normalizedPerformance.map(NumberText.fixed4))
    return [
      .table(md),
      .paragraph(
        "\(table.factorCount) factors with a defined loss. The normalized "
          + "loss is the fraction of factors with L < \(percent); the "
          + "normalized performance is p₁/pₙ (Eq. 12)."),
    ]
  }

  private static func globalChoice(plan: Plan, table: SplitTable)
    -> [ReportDocument.Block]
  {
    var blocks: [ReportDocument.Block] = []
    if let crossing = plan.global.intersection {
      blocks.append(
        .paragraph(
          "The curves cross at (\(NumberText.short(crossing.dim)), "
            + "\(NumberText.fixed4(crossing.value))); the nearest "
            + "candidate, split \(plan.global.split), is the paper's "
            + "global choice."))
    } else {
      blocks.append(
        .paragraph(
          "The curves do not cross; the global choice falls back to "
            + "split \(plan.global.split)."))
    }
    if globalChoiceCollapses(plan) {
      blocks.append(.paragraph(collapseParagraph(plan: plan, table: table)))
    }
    return blocks
  }

  private static func totals(_ plan: Plan) -> [ReportDocument.Block] {
    let t = plan.totals
    var md = ReportTable(
      header: ["choice", "split", "time", "speed-up", "worst loss"],
      leftColumns: 2)
    let rows: [(String, String, Double, Double)] = [
      ("no split (K-FAC)", "none", t.noSplitMicroseconds, 0),
      (
        "global (the paper's rule)", String(plan.global.split),
        t.globalMicroseconds, t.globalWorstLoss
      ),
      (
        "per-layer (this plan)", "per factor", t.perLayerMicroseconds,
        t.perLayerWorstLoss
      ),
    ]
    for (name, split, time, loss) in rows {
      md.append([
        name, split, NumberText.duration(microseconds: time),
        NumberText.speedUp(t.noSplitMicroseconds / time),
        NumberText.fixed4(loss),
      ])
    }
    return [
      .table(md),
      .paragraph(
        "Times are modelled from the profile: a factor of dimension d "
          + "split at s costs ⌊d/s⌋·t(s) + t(d mod s), summed over all "
          + "factors. Speed-ups are against no split."),
    ]
  }

  private static func perFactor(_ plan: Plan) -> [ReportDocument.Block] {
    let modelled = plan.training != nil
    var md = ReportTable(
      header: ["layer", "factor", "dim", "split", "loss", "cost"]
        + (modelled ? ["update change", "s/epoch"] : []),
      leftColumns: 2)
    for layer in plan.layers {
      for (key, factor) in [("A", layer.A), ("G", layer.G)] {
        guard let factor else { continue }
        var row = [
          layer.name, key, String(factor.dim),
          factor.split >= factor.dim ? "none" : String(factor.split),
          factor.losses.contains(nil)
            ? "all-zero" : NumberText.fixed4(factor.loss),
          NumberText.duration(microseconds: factor.costMicroseconds),
        ]
        if modelled {
          row.append(
            factor.updateChange.map(NumberText.fixed4)
              ?? NumberText.none)
          row.append(
            factor.epochSeconds.map {
              NumberText.duration(microseconds: $0.total * 1e6)
            } ?? NumberText.none)
        }
        md.append(row)
      }
    }
    var blocks: [ReportDocument.Block] = [.table(md)]
    if modelled {
      blocks.append(
        .paragraph(
          "Loss: Eq. 11; cost: modelled inversion time per update; "
            + "update change: ‖(Â+γI)⁻¹ − (A+γI)⁻¹‖_F / ‖(A+γI)⁻¹‖_F at "
            + "the chosen split (the plan JSON also holds it at every "
            + "candidate, and the gradient-weighted change); s/epoch: "
            + "modelled training seconds per epoch."))
    }
    let missing = plan.layers.filter { $0.A == nil || $0.G == nil }
    if !missing.isEmpty {
      blocks.append(
        .paragraph(
          "Layers with one factor only (the dump lacks the other): "
            + missing.map { "`\($0.name)`" }.joined(separator: ", ") + "."))
    }
    return blocks
  }
}
