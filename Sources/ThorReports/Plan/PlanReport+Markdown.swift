import ThorFormats

extension PlanReport {
  static func markdown(plan: Plan, profile: HardwareProfile, table: SplitTable)
    -> String
  {
    let name =
      plan.provenance.factors.split(separator: "/").last
      .map(String.init) ?? plan.provenance.factors
    var out = "# Split plan for \(MarkdownTable.escape(name))\n\n"
    out += provenance(plan: plan, profile: profile)
    out += "\n## Loss against performance (the paper's Table 1)\n\n"
    out += table1(table, tolerance: plan.tolerance)
    out += globalChoice(plan: plan, table: table)
    out += "\n![Fig. 5: normalized loss and performance against split "
    out += "dimension](\(curvesFile))\n"
    out += "\n## Modelled inversion time per inverse update\n\n"
    out += totals(plan)
    out += "\n![Modelled inversion time of the three choices]"
    out += "(\(timesFile))\n"
    out += training(plan)
    out += "\n## Per-factor splits (strategy: "
    out += "\(MarkdownTable.escape(plan.strategy.rawValue)))\n\n"
    out += perFactor(plan)
    out += "\n![Eq. 11 loss per factor and candidate split](\(heatMapFile))\n"
    return out
  }

  private static func provenance(plan: Plan, profile: HardwareProfile)
    -> String
  {
    let p = plan.provenance
    let m = profile.machine
    var lines = [
      "- Factors: `\(p.factors)` (SHA-256 `\(p.factorsSHA256)`)",
      "- Profile: `\(p.profile)`, \(profile.method) inversion in "
        + "\(profile.dtype), created \(profile.created)",
      "- Machine: "
        + MarkdownTable.escape(
          "\(m.cpu), \(m.cores) cores, BLAS threads: \(m.threads), "
            + "\(m.blas), \(m.os)"),
    ]
    if let source = profile.source {
      lines.append("- Profile source: " + MarkdownTable.escape(source))
    }
    lines += [
      "- Candidates: "
        + plan.candidates.map(String.init)
        .joined(separator: ", "),
      "- Tolerance: L < \(NumberText.short(plan.tolerance)); strategy: "
        + plan.strategy.rawValue,
      "- Produced by thor-tune \(p.tool) on \(p.created)",
    ]
    if let peak = p.peakResidentBytes {
      lines.append(
        "- Peak resident memory of the analysis: \(ByteText.size(peak))")
    }
    if !p.options.isEmpty {
      let options = p.options.keys.sorted().map { "\($0)=\(p.options[$0]!)" }
      lines.append("- Options: " + options.joined(separator: ", "))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func table1(_ table: SplitTable, tolerance: Double)
    -> String
  {
    let percent = NumberText.thresholdPercent(tolerance)
    var md = MarkdownTable(
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
    var out = md.render()
    out += "\n\(table.factorCount) factors with a defined loss. The "
    out += "normalized loss is the fraction of factors with L < \(percent); "
    out += "the normalized performance is p₁/pₙ (Eq. 12).\n"
    return out
  }

  private static func globalChoice(plan: Plan, table: SplitTable) -> String {
    var out = "\n"
    if let crossing = plan.global.intersection {
      out += "The curves cross at (\(NumberText.short(crossing.dim)), "
      out += "\(NumberText.fixed4(crossing.value))); the nearest candidate, "
      out += "split \(plan.global.split), is the paper's global choice.\n"
    } else {
      out += "The curves do not cross; the global choice falls back to "
      out += "split \(plan.global.split).\n"
    }
    if globalChoiceCollapses(plan) {
      out += "\n" + collapseParagraph(plan: plan, table: table) + "\n"
    }
    return out
  }

  private static func totals(_ plan: Plan) -> String {
    let t = plan.totals
    var md = MarkdownTable(
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
    var out = md.render()
    out += "\nTimes are modelled from the profile: a factor of dimension d "
    out += "split at s costs ⌊d/s⌋·t(s) + t(d mod s), summed over all "
    out += "factors. Speed-ups are against no split.\n"
    return out
  }

  private static func perFactor(_ plan: Plan) -> String {
    let modelled = plan.training != nil
    var md = MarkdownTable(
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
    var out = md.render()
    if modelled {
      out += "\nLoss: Eq. 11; cost: modelled inversion time per update; "
      out += "update change: ‖(Â+γI)⁻¹ − (A+γI)⁻¹‖_F / ‖(A+γI)⁻¹‖_F at the "
      out += "chosen split (the plan JSON also holds it at every candidate, "
      out += "and the gradient-weighted change); s/epoch: modelled training "
      out += "seconds per epoch.\n"
    }
    let missing = plan.layers.filter { $0.A == nil || $0.G == nil }
    if !missing.isEmpty {
      out += "\nLayers with one factor only (the dump lacks the other): "
      out += missing.map { "`\($0.name)`" }.joined(separator: ", ") + ".\n"
    }
    return out
  }
}
