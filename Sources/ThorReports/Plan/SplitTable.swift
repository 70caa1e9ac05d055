import ThorFormats

/// The paper's Table 1 for one dump and profile: per candidate split, the
/// number of factors with `L < tolerance`, the profiled inversion time and
/// the two normalized curves of Fig. 5.
struct SplitTable: Equatable {
  var candidates: [Int]
  /// Factors whose loss at the candidate is below the tolerance.
  var withinTolerance: [Int]
  /// Factors with a defined loss (all-zero factors have none).
  var factorCount: Int
  /// Inversion time of one candidate-sized matrix, µs; `nil` when the
  /// profile cannot tell.
  var performance: [Double?]
  var normalizedLoss: [Double]
  var normalizedPerformance: [Double]

  /// Builds the table from a validated plan and its profile.
  init(plan: Plan, profile: HardwareProfile) {
    candidates = plan.candidates
    let factors = plan.layers.flatMap { [$0.A, $0.G].compactMap { $0 } }
    let defined = factors.filter { !$0.losses.contains(nil) }
    factorCount = defined.count
    withinTolerance = plan.candidates.indices.map { index in
      defined.filter { ($0.losses[index] ?? 1) < plan.tolerance }.count
    }
    normalizedLoss = plan.global.fractionWithinTolerance
    normalizedPerformance = plan.global.normalizedPerformance
    performance = Self.performance(
      candidates: plan.candidates, profile: profile,
      normalized: plan.global.normalizedPerformance)
  }

  /// Profiled times of the candidates. A candidate the profile lacks is
  /// recovered from Eq. 12 as `p₁ / normalized` when `p₁` was profiled.
  static func performance(
    candidates: [Int], profile: HardwareProfile, normalized: [Double]
  ) -> [Double?] {
    var byDim: [Int: Double] = [:]
    for result in profile.results {
      byDim[result.dim] = result.medianMicroseconds
    }
    let first = candidates.first.flatMap { byDim[$0] }
    return zip(candidates, normalized).map { dim, ratio in
      if let time = byDim[dim] { return time }
      guard let first, ratio > 0 else { return nil }
      return first / ratio
    }
  }
}
