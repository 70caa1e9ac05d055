import Foundation
import ThorFormats
import ThorReports
import ThorSolver

extension PlanCommand {
  /// The text summary: the global curves, the chosen splits and totals.
  func summary(_ plan: Plan, seconds: Double) -> String {
    let factorCount = plan.layers.reduce(0) {
      $0 + ($1.A == nil ? 0 : 1) + ($1.G == nil ? 0 : 1)
    }
    var table = TextTable(
      headers: ["split", "within tol", "norm. perf"],
      alignments: [.right, .right, .right])
    for (i, s) in plan.candidates.enumerated() {
      table.append([
        String(s),
        String(format: "%.4f", plan.global.fractionWithinTolerance[i]),
        String(format: "%.4f", plan.global.normalizedPerformance[i]),
      ])
    }
    let crossing =
      plan.global.intersection.map {
        String(format: "(%.1f, %.3f)", $0.dim, $0.value)
      } ?? "none (curves do not cross; closest approach used)"
    let t = plan.totals
    return """
      \(factorCount) factors in \(plan.layers.count) layers analysed in \
      \(String(format: "%.2f", seconds)) s; tolerance \(plan.tolerance)

      \(table.render())
      Crossing: \(crossing); global split \(plan.global.split)
      Modelled inversion time per update (µs):
        no split   \(Self.microseconds(t.noSplitMicroseconds))
        global     \(Self.microseconds(t.globalMicroseconds)) \
      (worst loss \(String(format: "%.4f", t.globalWorstLoss)))
        per-layer  \(Self.microseconds(t.perLayerMicroseconds)) \
      (worst loss \(String(format: "%.4f", t.perLayerWorstLoss)))
      \(trainingSummary(plan))
      Layers carry the \(plan.strategy) choice.

      """
  }

  /// Modelled training seconds per epoch of each strategy, by part.
  func trainingSummary(_ plan: Plan) -> String {
    guard let training = plan.training else { return "" }
    var table = TextTable(
      headers: ["splits", "products s", "inversions s", "total s"],
      alignments: [.left, .right, .right, .right])
    for name in Plan.Training.Choice.all {
      guard let e = training.epochSeconds[name] else { continue }
      table.append([
        name, String(format: "%.3f", e.products),
        String(format: "%.3f", e.inversions), String(format: "%.3f", e.total),
      ])
    }
    let damping =
      training.damping.map {
        "; update change at lambda \($0.lambda) (\($0.source)), "
          + "\($0.form) form, gamma \(String(format: "%.4g", $0.factor))"
      } ?? ""
    let parts =
      training.pricesProducts
      ? "" : " (profile has no product timings: inversions only)"
    return """
      Modelled training seconds per epoch\(parts), \
      \(training.stepsPerEpoch) steps and \
      \(training.updatesPerEpoch.map(String.init).joined(separator: ",")) \
      inverse updates per epoch; update budget \(training.updateBudget)\
      \(damping):
      \(table.render())
      """
  }

  /// The `--json` summary: the plan's global choice and totals.
  func summaryJSON(_ plan: Plan, seconds: Double) throws -> String {
    struct Summary: Encodable {
      var plan: String
      var strategy: String
      var layers: Int
      var seconds: Double
      var global: Plan.Global
      var totals: Plan.Totals
      var training: Plan.Training?
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data = try encoder.encode(
      Summary(
        plan: out, strategy: plan.strategy.rawValue, layers: plan.layers.count,
        seconds: seconds, global: plan.global, totals: plan.totals,
        training: plan.training))
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private static func microseconds(_ value: Double) -> String {
    String(format: "%12.1f", value)
  }
}
