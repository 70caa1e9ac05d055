import ThorFormats

extension PlanReport {
  /// The normalized performance at the second candidate below which the
  /// curve counts as collapsed (the paper's Ascend 910: 0.60 at 16).
  static let collapsedPerformance = 0.1
  /// A crossing at or below this split dimension counts as collapsed (the
  /// paper's: 106) when the candidates reach past ``earlyCrossingReach``.
  static let collapsedCrossing = 32.0
  static let earlyCrossingReach = 128

  /// Whether the paper's global choice is degenerate for this profile:
  /// `p₁/pₙ` falls below 0.1 by the second candidate, or the curves cross
  /// at a split of 32 or less although the candidates reach past 128
  /// (`reports/reproduction/report.md`, Table 1 on this machine).
  static func globalChoiceCollapses(_ plan: Plan) -> Bool {
    let performance = plan.global.normalizedPerformance
    if performance.count > 1, performance[1] < collapsedPerformance {
      return true
    }
    if let crossing = plan.global.intersection,
      crossing.dim <= collapsedCrossing,
      (plan.candidates.last ?? 0) > earlyCrossingReach
    {
      return true
    }
    return false
  }

  /// The paragraph explaining a collapse, with this profile's numbers.
  static func collapseParagraph(plan: Plan, table: SplitTable) -> String {
    let p1 = table.performance.first.flatMap { $0 }
    let second = plan.global.normalizedPerformance.dropFirst().first
    var text = "**The paper's global choice collapses on this hardware.** "
    text += "Eq. 12 normalizes by p₁, the time to invert a "
    text += "\(plan.candidates[0])×\(plan.candidates[0]) matrix"
    if let p1 {
      text += ": \(NumberText.short(p1)) µs here, against 35 µs on the "
      text += "paper's Ascend 910 (Table 1)"
    }
    text += ". "
    if let second, plan.candidates.count > 1 {
      text += "The normalized performance p₁/pₙ is already "
      text += "\(NumberText.fixed4(second)) at n = \(plan.candidates[1])"
      text += " (0.6014 at 16 in the paper), "
    }
    if let crossing = plan.global.intersection {
      text += "so the curves cross at n ≈ \(NumberText.short(crossing.dim)) "
      text += "(106 in the paper) "
    }
    text += "and the global split is \(plan.global.split): it reflects the "
    text += "fixed per-call cost of inverting tiny matrices, not what "
    text += "inversion costs. The per-factor strategies choose, for each "
    text += "factor, the least modelled training time (products and "
    text += "inversions) among the splits they accept instead; that choice "
    text += "carries across hardware."
    return text
  }
}
