import Foundation
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
    let crossing = plan.global.intersection.map {
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
      Layers carry the \(plan.strategy) choice.

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
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data = try encoder.encode(
      Summary(
        plan: out, strategy: plan.strategy, layers: plan.layers.count,
        seconds: seconds, global: plan.global, totals: plan.totals))
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private static func microseconds(_ value: Double) -> String {
    String(format: "%12.1f", value)
  }
}
