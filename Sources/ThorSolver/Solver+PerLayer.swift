import ThorAnalysis

extension Solver {
  /// The factor's entry at a fixed split (the global choice); a split at
  /// or above the dimension is no split, at loss 0.
  public func choice(_ factor: FactorAnalysis, split: Int) -> Plan.Factor {
    let d = factor.losses.dimension
    let index = candidates.firstIndex(of: split)
    let loss = index.flatMap { factor.losses.losses?[$0] } ?? 0
    return Plan.Factor(
      dim: d, split: split, loss: split >= d ? 0 : loss,
      costMicroseconds: costModel.cost(dimension: d, split: split),
      losses: lossesColumn(factor))
  }

  /// The per-layer choice (DESIGN): the candidate with the lowest modelled
  /// cost whose loss is within tolerance, or no split (`split = dim`,
  /// loss 0) when that is cheaper or nothing else qualifies. Ties go to the
  /// smaller loss.
  public func perLayerChoice(_ factor: FactorAnalysis) -> Plan.Factor {
    let d = factor.losses.dimension
    let losses = factor.losses.losses
    var best = (split: d, loss: 0.0, cost: costModel.time(forDimension: d))
    for (index, split) in candidates.enumerated() where split < d {
      let loss = losses?[index]
      guard isWithinTolerance(loss) else { continue }
      let cost = costModel.cost(dimension: d, split: split)
      let lossValue = loss ?? 0
      if cost < best.cost || (cost == best.cost && lossValue < best.loss) {
        best = (split, lossValue, cost)
      }
    }
    return Plan.Factor(
      dim: d, split: best.split, loss: best.loss,
      costMicroseconds: best.cost, losses: lossesColumn(factor))
  }

  /// The loss at every candidate (`nil` entries for an all-zero factor).
  private func lossesColumn(_ factor: FactorAnalysis) -> [Double?] {
    factor.losses.losses
      ?? [Double?](repeating: nil, count: candidates.count)
  }
}
