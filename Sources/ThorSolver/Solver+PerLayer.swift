import ThorAnalysis
import ThorFormats
import ThorProfiler

extension Solver {
  /// What admits a candidate split of a factor.
  package enum AdmissionRule: Sendable {
    /// The update change is within ``Solver/updateBudget``; a factor
    /// analysed without update changes falls back to ``eq11``.
    case updateChange
    /// The Eq. 11 loss is below ``Solver/tolerance``.
    case eq11
  }

  /// The factor's entry at a fixed split (the global choice); a split at
  /// or above the dimension is no split, at loss 0. `other` is the other
  /// dimension of its layer's gradient.
  package func choice(_ factor: FactorAnalysis, split: Int, other: Int? = nil)
    -> Plan.Factor
  {
    let d = factor.losses.dimension
    let loss =
      candidates.firstIndex(of: split)
      .flatMap { factor.losses.losses?[$0] } ?? 0
    return entry(
      factor, split: split, loss: split >= d ? 0 : loss, other: other ?? d)
  }

  /// The per-layer choice (README, "File formats and definitions"): the
  /// candidate with the least modelled training time
  /// (``TrainingCostModel``) that `rule` admits, or no split (`split =
  /// dim`, loss 0) when that is cheaper or nothing else qualifies. Ties go
  /// to the smaller loss. `other` is the other dimension of the layer's
  /// gradient (default: the factor's own).
  package func perLayerChoice(
    _ factor: FactorAnalysis, other: Int? = nil,
    rule: AdmissionRule = .updateChange
  ) -> Plan.Factor {
    let d = factor.losses.dimension
    let m = other ?? d
    let side = factor.kind.productSide
    let losses = factor.losses.losses
    let changes = rule == .updateChange ? factor.updateChanges : nil
    func seconds(_ s: Int) -> Double {
      trainingCost.cost(side: side, dimension: d, split: s, other: m).total
    }
    var best = (split: d, loss: 0.0, cost: seconds(d))
    for (index, split) in candidates.enumerated() where split < d {
      let loss = losses?[index]
      if let changes {
        guard changes[index] <= updateBudget else { continue }
      } else {
        guard isWithinTolerance(loss) else { continue }
      }
      let cost = seconds(split)
      let lossValue = loss ?? 0
      if cost < best.cost || (cost == best.cost && lossValue < best.loss) {
        best = (split, lossValue, cost)
      }
    }
    return entry(factor, split: best.split, loss: best.loss, other: m)
  }

  /// A plan entry at `split`: its inversion cost, modelled epoch seconds
  /// and update change (0 at no split).
  private func entry(
    _ factor: FactorAnalysis, split: Int, loss: Double, other: Int
  ) -> Plan.Factor {
    let d = factor.losses.dimension
    let change = factor.updateChanges.flatMap { changes in
      split >= d ? 0 : candidates.firstIndex(of: split).map { changes[$0] }
    }
    return Plan.Factor(
      dim: d, split: split, loss: loss,
      costMicroseconds: costModel.cost(dimension: d, split: split),
      losses: factor.losses.losses
        ?? [Double?](repeating: nil, count: candidates.count),
      updateChange: change, updateChanges: factor.updateChanges,
      gradientChanges: factor.changes?.gradients,
      epochSeconds: trainingCost.cost(
        side: factor.kind.productSide, dimension: d, split: split,
        other: other))
  }
}

extension FactorKind {
  /// The side of the gradient the factor multiplies.
  var productSide: HardwareProfile.ProductSide {
    self == .a ? .a : .g
  }
}
