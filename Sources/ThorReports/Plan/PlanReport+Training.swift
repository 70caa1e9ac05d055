import ThorFormats

extension PlanReport {
  /// The modelled training seconds per epoch of the four choices, by
  /// part, and the run they are modelled for; none for plans without it.
  static func training(_ plan: Plan) -> [ReportDocument.Block] {
    guard let training = plan.training else { return [] }
    var md = ReportTable(
      header: ["splits", "products", "inversions", "total", "vs no split"],
      leftColumns: 1)
    typealias Choice = Plan.Training.Choice
    let rows = [
      ("no split (K-FAC)", Choice.noSplit),
      ("global (the paper's rule, \(plan.global.split))", Choice.global),
      ("split 128 (the paper's choice)", Choice.split128),
      (
        "per-layer (update budget "
          + "\(NumberText.short(training.updateBudget)))", Choice.perLayer
      ),
    ]
    let base = training.epochSeconds[Choice.noSplit]?.total ?? 0
    for (label, key) in rows {
      guard let e = training.epochSeconds[key] else { continue }
      md.append([
        label, seconds(e.products), seconds(e.inversions), seconds(e.total),
        e.total > 0 ? NumberText.speedUp(base / e.total) : NumberText.none,
      ])
    }
    let updates = training.updatesPerEpoch.map(String.init)
      .joined(separator: ", ")
    let epochs = training.updatesPerEpoch.count
    var text = "Modelled for \(training.stepsPerEpoch) steps per epoch and "
    text += "\(updates) inverse updates in "
    text +=
      epochs == 1
      ? "its one epoch: " : "epochs 1–\(epochs) (mean shown): "
    text += "the per-step products ⌊d/s⌋·p(s, m) + p(d mod s, m) every "
    text += "step, with m the other dimension of the layer's gradient, plus "
    text += "the inversions ⌊d/s⌋·t(s) + t(d mod s) at every update; factor "
    text += "statistics are not priced (the trainer forms whole factors). "
    if !training.pricesProducts {
      text += "**The profile has no product timings (version 1): only "
      text += "inversions are priced.** "
    }
    text += "The trace rule can only skip inversions, so their count is an "
    text += "upper bound."
    var blocks: [ReportDocument.Block] = [
      .heading(level: 2, "Modelled training time per epoch"), .table(md),
      .paragraph(text),
    ]
    if let d = training.damping {
      blocks.append(
        .paragraph(
          "Update changes use λ = \(NumberText.short(d.lambda)) "
            + "(\(d.source)), the \(d.form) form, γ = "
            + "\(NumberText.short(d.factor))."))
    }
    return blocks
  }

  private static func seconds(_ value: Double) -> String {
    NumberText.duration(microseconds: value * 1e6)
  }
}
