import ThorFormats

/// The report `thor-tune plan` writes next to a plan: `report.md` with the
/// paper's Table 1, the per-factor splits and the modelled inversion time,
/// and three SVG charts (Fig. 5, a loss heat map, the three choices' times).
package enum PlanReport {
  /// The Markdown report.
  package static let markdownFile = "report.md"
  /// The paper's Fig. 5: both normalized curves against split dimension.
  package static let curvesFile = "fig5-normalized-curves.svg"
  /// Eq. 11 loss per factor × candidate.
  package static let heatMapFile = "loss-heatmap.svg"
  /// Modelled inversion time of no split, the global and per-layer plans.
  package static let timesFile = "inversion-time.svg"

  /// Renders the report: file name → contents, for the caller to write.
  /// - Throws: ``ReportError/inconsistentPlan(_:)`` when the plan's arrays
  ///   do not match its candidates.
  package static func render(plan: Plan, profile: HardwareProfile)
    throws(ReportError) -> [String: String]
  {
    try validate(plan)
    let table = SplitTable(plan: plan, profile: profile)
    return [
      markdownFile: markdown(plan: plan, profile: profile, table: table),
      curvesFile: curvesChart(plan: plan).render(),
      heatMapFile: heatMap(plan: plan).render(),
      timesFile: timesChart(plan: plan).render(),
    ]
  }

  static func validate(_ plan: Plan) throws(ReportError) {
    let count = plan.candidates.count
    guard count > 0 else { throw .inconsistentPlan("no candidate splits") }
    guard plan.candidates.allSatisfy({ $0 > 0 }) else {
      throw .inconsistentPlan("candidate splits must be positive")
    }
    let curves = [
      (
        "global.fraction_within_tolerance",
        plan.global.fractionWithinTolerance.count
      ),
      (
        "global.normalized_performance",
        plan.global.normalizedPerformance.count
      ),
    ]
    for (name, length) in curves where length != count {
      throw .inconsistentPlan(
        "\(name) has \(length) entries for \(count) candidates")
    }
    for layer in plan.layers {
      for (key, factor) in [("A", layer.A), ("G", layer.G)] {
        guard let factor, factor.losses.count != count else { continue }
        throw .inconsistentPlan(
          "layer \(layer.name) factor \(key) has \(factor.losses.count) "
            + "losses for \(count) candidates")
      }
    }
  }

  /// Every factor of the plan in order, labelled `<layer>.A` / `<layer>.G`.
  static func factors(of plan: Plan) -> [(label: String, factor: Plan.Factor)] {
    plan.layers.flatMap { layer in
      [("A", layer.A), ("G", layer.G)].compactMap { key, factor in
        factor.map { ("\(layer.name).\(key)", $0) }
      }
    }
  }
}
