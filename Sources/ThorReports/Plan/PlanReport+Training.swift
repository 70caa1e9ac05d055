import ThorFormats

extension PlanReport {
  /// The modelled training seconds per epoch of the four choices, by
  /// part, and the run they are modelled for; empty for plans without it.
  static func training(_ plan: Plan) -> String {
    guard let training = plan.training else { return "" }
    var out = "\n## Modelled training time per epoch\n\n"
    var md = MarkdownTable(
      header: ["splits", "products", "inversions", "total", "vs no split"],
      leftColumns: 1)
    let rows = [
      ("no split (K-FAC)", "no-split"),
      ("global (the paper's rule, \(plan.global.split))", "global"),
      ("split 128 (the paper's choice)", "split-128"),
      (
        "per-layer (update budget "
          + "\(NumberText.short(training.updateBudget)))", "per-layer"
      ),
    ]
    let base = training.epochSeconds["no-split"]?.total ?? 0
    for (label, key) in rows {
      guard let e = training.epochSeconds[key] else { continue }
      md.append([
        label, seconds(e.products), seconds(e.inversions), seconds(e.total),
        e.total > 0 ? NumberText.speedUp(base / e.total) : NumberText.none,
      ])
    }
    out += md.render()
    let updates = training.updatesPerEpoch.map(String.init)
      .joined(separator: ", ")
    out += "\nModelled for \(training.stepsPerEpoch) steps per epoch and "
    let epochs = training.updatesPerEpoch.count
    out += "\(updates) inverse updates in "
    out +=
      epochs == 1
      ? "its one epoch: " : "epochs 1–\(epochs) (mean shown): "
    out += "the per-step products ⌊d/s⌋·p(s, m) + p(d mod s, m) every step, "
    out += "with m the other dimension of the layer's gradient, plus the "
    out += "inversions ⌊d/s⌋·t(s) + t(d mod s) at every update; factor "
    out += "statistics are not priced (the trainer forms whole factors). "
    if !training.pricesProducts {
      out += "**The profile has no product timings (version 1): only "
      out += "inversions are priced.** "
    }
    out += "The trace rule can only skip inversions, so their count is an "
    out += "upper bound.\n"
    if let d = training.damping {
      out += "\nUpdate changes use λ = \(NumberText.short(d.lambda)) "
      out += "(\(d.source)), the \(d.form) form, γ = "
      out += "\(NumberText.short(d.factor)).\n"
    }
    return out
  }

  private static func seconds(_ value: Double) -> String {
    NumberText.duration(microseconds: value * 1e6)
  }
}
