import ThorFormats

/// The analysis of one Kronecker factor of the dump.
package struct FactorAnalysis: Sendable, Equatable {
  /// The layer's name (`<layer>` of the tensor name).
  package var layer: String
  /// `A` or `G`.
  package var kind: FactorKind
  /// The losses per candidate split.
  package var losses: SplitLosses
  /// ``UpdateChange`` per candidate split; `nil` when not computed.
  package var changes: UpdateChange.Changes?

  package init(
    layer: String, kind: FactorKind, losses: SplitLosses,
    changes: UpdateChange.Changes? = nil
  ) {
    self.layer = layer
    self.kind = kind
    self.losses = losses
    self.changes = changes
  }

  /// The update change over random directions (``UpdateChange``), per
  /// candidate.
  package var updateChanges: [Double]? { changes?.directions }

  /// The tensor's name in the dump, `<layer>.<kind>`.
  package var tensorName: String {
    FactorDumpFormat.tensorName(layer: layer, kind: kind)
  }
}
