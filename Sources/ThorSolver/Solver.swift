import ThorAnalysis
import ThorFormats

/// Chooses split dimensions from factor losses and a cost model, and builds
/// the ``Plan`` (README, File formats: global split, per-layer split, totals).
///
/// A factor is within tolerance at a split when its loss is strictly below
/// the tolerance (the paper's "L < 1%"). Not splitting (loss 0) is always
/// allowed. An all-zero factor has no defined loss; since every split of it
/// is exact, it counts as within tolerance everywhere.
package struct Solver: Sendable {
  /// The split dimensions considered, strictly ascending.
  package let candidates: [Int]
  /// The Eq. 11 loss tolerance, in `[0, 1]`.
  package let tolerance: Double
  /// Inversion times from the hardware profile.
  package let costModel: InversionCostModel
  /// Modelled training time: products per step, inversions per update.
  package let trainingCost: TrainingCostModel
  /// The largest update change (``UpdateChange``) the per-layer strategy
  /// accepts.
  package let updateBudget: Double

  /// The default update budget (`reports/plan-sweep/report.md` chose it).
  package static let defaultUpdateBudget = 0.5

  /// - Parameters:
  ///   - schedule: the run the training time is modelled for; by default
  ///     one step and one update, which prices one inversion (and one
  ///     product).
  /// - Throws: ``SolverError`` for empty or unsorted candidates, a
  ///   tolerance outside `[0, 1]` or a negative update budget.
  package init(
    candidates: [Int], tolerance: Double, costModel: InversionCostModel,
    schedule: TrainingSchedule = TrainingSchedule(
      stepsPerEpoch: 1, updatesPerEpoch: [1]),
    updateBudget: Double = Solver.defaultUpdateBudget
  ) throws(SolverError) {
    guard !candidates.isEmpty else { throw .noCandidates }
    guard candidates[0] >= 1,
      zip(candidates, candidates.dropFirst()).allSatisfy({ $0 < $1 })
    else { throw .invalidCandidates(candidates) }
    guard tolerance >= 0, tolerance <= 1 else {
      throw .invalidTolerance(tolerance)
    }
    guard updateBudget >= 0, updateBudget.isFinite else {
      throw .invalidUpdateBudget(updateBudget)
    }
    self.candidates = candidates
    self.tolerance = tolerance
    self.costModel = costModel
    self.trainingCost = TrainingCostModel(
      inversion: costModel, schedule: schedule)
    self.updateBudget = updateBudget
  }

  /// Whether `loss` (`nil`: an all-zero factor) is within tolerance.
  func isWithinTolerance(_ loss: Double?) -> Bool {
    guard let loss else { return true }
    return loss < tolerance
  }

  /// The plan for `factors` (analysed at ``candidates``), with `strategy`
  /// choosing what ``Plan/layers`` carry. Layers keep the order in which
  /// their first factor appears. `damping` records how the update changes
  /// were computed (``Plan/Training``).
  package func plan(
    for factors: [FactorAnalysis], strategy: SplitStrategy,
    provenance: Plan.Provenance, damping: Plan.Damping? = nil
  ) -> Plan {
    let global = globalChoice(factors)
    let others = otherDimensions(factors)
    var globalCost = 0.0
    var perLayerCost = 0.0
    var noSplitCost = 0.0
    var globalWorst = 0.0
    var perLayerWorst = 0.0
    var seconds: [String: Plan.EpochSeconds] = [:]
    var layers: [Plan.Layer] = []
    var position: [String: Int] = [:]
    for (k, factor) in factors.enumerated() {
      let d = factor.losses.dimension
      let shared = choice(factor, split: global.split, other: others[k])
      let own = perLayerChoice(factor, other: others[k], rule: strategy.rule)
      noSplitCost += costModel.time(forDimension: d)
      globalCost += shared.costMicroseconds
      perLayerCost += own.costMicroseconds
      globalWorst = Swift.max(globalWorst, shared.loss)
      perLayerWorst = Swift.max(perLayerWorst, own.loss)
      typealias Choice = Plan.Training.Choice
      let modelled = [
        (Choice.noSplit, choice(factor, split: d, other: others[k])),
        (Choice.split128, choice(factor, split: 128, other: others[k])),
        (Choice.global, shared), (Choice.perLayer, own),
      ]
      for (name, entry) in modelled {
        seconds[name, default: .zero] =
          seconds[name, default: .zero] + (entry.epochSeconds ?? .zero)
      }
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
    let training = Plan.Training(
      schedule: trainingCost.schedule,
      pricesProducts: trainingCost.pricesProducts, damping: damping,
      updateBudget: updateBudget,
      epochSeconds: seconds)
    return Plan(
      provenance: provenance, candidates: candidates, tolerance: tolerance,
      strategy: strategy, global: global, layers: layers,
      totals: totals, training: training)
  }

  /// For each factor, the other dimension of its layer's gradient: `d_G`
  /// for an `A` factor, `d_A` for a `G` factor; a layer with one factor
  /// uses that factor's own dimension.
  func otherDimensions(_ factors: [FactorAnalysis]) -> [Int] {
    var dims: [String: Int] = [:]
    for f in factors { dims[f.tensorName] = f.losses.dimension }
    return factors.map { f in
      let other = f.kind == .a ? FactorKind.g : .a
      return dims["\(f.layer).\(other.rawValue)"] ?? f.losses.dimension
    }
  }
}
