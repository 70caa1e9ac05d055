import ThorAnalysis
import ThorFormats

extension PlanShard.Factor {
  /// The record of one factor's analysis.
  package init(_ analysis: FactorAnalysis) {
    self.init(
      tensor: analysis.tensorName, dim: analysis.losses.dimension,
      spectralNorm: analysis.losses.spectralNorm,
      blockNorms: analysis.losses.blockNorms,
      updateChanges: analysis.changes?.directions,
      gradientChanges: analysis.changes?.gradients)
  }
}

extension FactorAnalysis {
  /// The analysis a shard recorded; `nil` for a tensor name that is not
  /// `<layer>.A` or `<layer>.G`.
  package init?(_ factor: PlanShard.Factor) {
    guard let (layer, kind) = FactorKind.parse(factor.tensor) else {
      return nil
    }
    var changes: UpdateChange.Changes?
    if let directions = factor.updateChanges,
      let gradients = factor.gradientChanges
    {
      changes = UpdateChange.Changes(
        directions: directions, gradients: gradients)
    }
    self.init(
      layer: layer, kind: kind,
      losses: SplitLosses(
        dimension: factor.dim, spectralNorm: factor.spectralNorm,
        blockNorms: factor.blockNorms),
      changes: changes)
  }
}
