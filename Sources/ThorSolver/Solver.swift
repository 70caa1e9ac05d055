import ThorAnalysis

/// Chooses split dimensions from factor losses and a cost model, and builds
/// the ``Plan`` (DESIGN: global split, per-layer split, totals).
///
/// A factor is within tolerance at a split when its loss is strictly below
/// the tolerance (the paper's "L < 1%"). Not splitting (loss 0) is always
/// allowed. An all-zero factor has no defined loss; since every split of it
/// is exact, it counts as within tolerance everywhere.
public struct Solver: Sendable {
  /// The split dimensions considered, strictly ascending.
  public let candidates: [Int]
  /// The loss tolerance, in `[0, 1]`.
  public let tolerance: Double
  /// Inversion times from the hardware profile.
  public let costModel: InversionCostModel

  /// - Throws: ``SolverError`` for empty or unsorted candidates or a
  ///   tolerance outside `[0, 1]`.
  public init(
    candidates: [Int], tolerance: Double, costModel: InversionCostModel
  ) throws(SolverError) {
    guard !candidates.isEmpty else { throw .noCandidates }
    guard candidates[0] >= 1,
      zip(candidates, candidates.dropFirst()).allSatisfy({ $0 < $1 })
    else { throw .invalidCandidates(candidates) }
    guard tolerance >= 0, tolerance <= 1 else {
      throw .invalidTolerance(tolerance)
    }
    self.candidates = candidates
    self.tolerance = tolerance
    self.costModel = costModel
  }

  /// Whether `loss` (`nil`: an all-zero factor) is within tolerance.
  func isWithinTolerance(_ loss: Double?) -> Bool {
    guard let loss else { return true }
    return loss < tolerance
  }

  /// The plan for `factors` (analysed at ``candidates``), with `strategy`
  /// choosing what ``Plan/layers`` carry. Layers keep the order in which
  /// their first factor appears.
  public func plan(
    for factors: [FactorAnalysis], strategy: SplitStrategy,
    provenance: Plan.Provenance
  ) -> Plan {
    let global = globalChoice(factors)
    var globalCost = 0.0, perLayerCost = 0.0, noSplitCost = 0.0
    var globalWorst = 0.0, perLayerWorst = 0.0
    var layers: [Plan.Layer] = []
    var position: [String: Int] = [:]
    for factor in factors {
      let own = perLayerChoice(factor)
      let shared = choice(factor, split: global.split)
      noSplitCost += costModel.time(forDimension: factor.losses.dimension)
      globalCost += shared.costMicroseconds
      perLayerCost += own.costMicroseconds
      globalWorst = Swift.max(globalWorst, shared.loss)
      perLayerWorst = Swift.max(perLayerWorst, own.loss)
      let entry = strategy == .global ? shared : own
      let index = position[factor.layer] ?? layers.count
      if index == layers.count {
        position[factor.layer] = index
        layers.append(Plan.Layer(name: factor.layer, A: nil, G: nil))
      }
      switch factor.kind {
      case .a: layers[index].A = entry
      case .g: layers[index].G = entry
      }
    }
    let totals = Plan.Totals(
      noSplitMicroseconds: noSplitCost, globalMicroseconds: globalCost,
      perLayerMicroseconds: perLayerCost, globalWorstLoss: globalWorst,
      perLayerWorstLoss: perLayerWorst)
    return Plan(
      provenance: provenance, candidates: candidates, tolerance: tolerance,
      strategy: strategy.rawValue, global: global, layers: layers,
      totals: totals)
  }
}
