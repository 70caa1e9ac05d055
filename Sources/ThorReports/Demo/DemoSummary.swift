import Foundation
import ThorFormats

/// What a demo found, from the plan and the training logs it wrote: the
/// text printed at the end and embedded in `index.md`.
package struct DemoSummary {
  /// One timed stage.
  package struct Stage {
    package var name: String
    package var seconds: Double

    package init(name: String, seconds: Double) {
      self.name = name
      self.seconds = seconds
    }
  }

  /// The demo folder as the user names it.
  package var folder: String
  package var plan: Plan
  /// SGD first, then THOR.
  package var runs: [TrainingRun]
  package var thresholds: [Double]
  package var stages: [Stage]
  package var totalSeconds: Double

  package init(
    folder: String, plan: Plan, runs: [TrainingRun], thresholds: [Double],
    stages: [Stage], totalSeconds: Double
  ) {
    self.folder = folder
    self.plan = plan
    self.runs = runs
    self.thresholds = thresholds
    self.stages = stages
    self.totalSeconds = totalSeconds
  }

  /// The whole summary.
  package var text: String {
    [header, splits, modelledTime, comparison].joined(separator: "\n")
  }

  private var header: String {
    let times = stages.map { "\($0.name) \(Self.seconds($0.seconds))" }
      .joined(separator: ", ")
    return """
      Demo finished in \(Self.seconds(totalSeconds)) (\(times)).
      Results are in \(folder)/; start with \(folder)/index.md.

      """
  }

  /// Every factor's chosen split, as `plan.json` records it.
  private var splits: String {
    var table = TextTable(
      headers: ["factor", "dim", "split", "loss", "update change"],
      alignments: [.left, .right, .right, .right, .right])
    for layer in plan.layers {
      for (key, factor) in [("A", layer.A), ("G", layer.G)] {
        guard let factor else { continue }
        table.append([
          "\(layer.name).\(key)", String(factor.dim),
          factor.split >= factor.dim ? "none" : String(factor.split),
          NumberText.fixed4(factor.loss),
          factor.updateChange.map(NumberText.fixed4) ?? NumberText.none,
        ])
      }
    }
    let budget = plan.training.map { " within \($0.updateBudget)" } ?? ""
    return """
      Chosen splits (\(plan.strategy) plan: the least modelled training \
      time with the update change\(budget); loss is Eq. 11; split none = \
      the whole factor):
      \(table.render())
      """
  }

  /// The plan's modelled training seconds per epoch against no split, the
  /// paper's global split and split 128.
  private var modelledTime: String {
    guard let training = plan.training else { return "" }
    var table = TextTable(
      headers: ["splits", "products", "inversions", "total"],
      alignments: [.left, .right, .right, .right])
    typealias Choice = Plan.Training.Choice
    let rows = [
      ("no split", Choice.noSplit),
      ("global split \(plan.global.split) (paper, Fig. 5)", Choice.global),
      ("split 128", Choice.split128), ("per-layer plan", Choice.perLayer),
    ]
    for (label, key) in rows {
      guard let e = training.epochSeconds[key] else { continue }
      table.append([
        label, Self.modelled(e.products), Self.modelled(e.inversions),
        Self.modelled(e.total),
      ])
    }
    let plan = training.epochSeconds[Choice.perLayer]?.total ?? 0
    let comparisons = [
      ("no split", Choice.noSplit), ("split 128", Choice.split128),
    ]
    .compactMap { label, key in
      training.epochSeconds[key].map {
        "Per-layer plan vs \(label): \(Self.saving(plan, against: $0.total))."
      }
    }
    return """
      Modelled second-order seconds per THOR epoch (this machine's \
      profile; products every step, inversions at every update):
      \(table.render())\
      \(comparisons.joined(separator: "\n"))

      """
  }

  /// Table 2's numbers for the two runs.
  private var comparison: String {
    let summaries = runs.map { RunSummary($0.records, thresholds: thresholds) }
    var table = TextTable(
      headers: [""] + runs.map(\.label) + ["thor/sgd"],
      alignments: [.left] + runs.map { _ in .right } + [.right])
    table.append(
      ["best test accuracy"]
        + summaries.map { NumberText.percent($0.bestTestAccuracy) }
        + [""])
    for (k, threshold) in thresholds.enumerated() {
      let reached = summaries.map { $0.reached[k] }
      table.append(
        ["time to \(NumberText.thresholdPercent(threshold))"]
          + reached.map { r in
            r.map { "\(Self.seconds($0.seconds)) (epoch \($0.epoch))" }
              ?? NumberText.none
          }
          + [
            Self.ratio(
              reached[reached.count - 1]?.seconds, to: reached[0]?.seconds)
          ])
    }
    let epochs = summaries.map(\.medianEpochSeconds)
    table.append(
      ["time per epoch"] + epochs.map { Self.seconds($0) }
        + [Self.ratio(epochs[epochs.count - 1], to: epochs[0])])
    let first = runs[0].records[0]
    return """
      THOR vs SGD (\(first.model), \(summaries[0].epochs) epochs, seed \
      \(first.seed); training seconds, evaluation excluded):
      \(table.render())
      """
  }

  /// Seconds with one decimal: `12.3 s`.
  package static func seconds(_ s: Double) -> String {
    NumberText.seconds(s)
  }

  /// Modelled seconds with three decimals: `1.234 s`.
  package static func modelled(_ s: Double) -> String {
    NumberText.fixed(s, decimals: 3) + " s"
  }

  /// The last run's `value` over the first's `base` with two decimals;
  /// ``NumberText/none`` where either is missing or `base` is not
  /// positive.
  private static func ratio(_ value: Double?, to base: Double?) -> String {
    guard let value, let base, base > 0 else { return NumberText.none }
    return NumberText.fixed(value / base, decimals: 2)
  }

  /// How `time` compares with `reference`: `75.0% saved (4.00x faster)`,
  /// or `1.25x slower` when it is slower.
  static func saving(_ time: Double, against reference: Double) -> String {
    guard time > 0, reference > 0 else { return "not defined (zero time)" }
    guard time <= reference else {
      return NumberText.fixed(time / reference, decimals: 2) + "x slower"
    }
    return NumberText.fixed(100 * (1 - time / reference), decimals: 1)
      + "% saved (" + NumberText.fixed(reference / time, decimals: 2)
      + "x faster)"
  }
}
