import ThorFormats

/// The analysis of one Kronecker factor of the dump.
public struct FactorAnalysis: Sendable, Equatable {
  /// The layer's name (`<layer>` of the tensor name).
  public var layer: String
  /// `A` or `G`.
  public var kind: FactorKind
  /// The losses per candidate split.
  public var losses: SplitLosses
  /// ``UpdateChange`` per candidate split; `nil` when not computed.
  public var changes: UpdateChange.Changes?

  public init(
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
  public var updateChanges: [Double]? { changes?.directions }

  /// The tensor's name in the dump, `<layer>.<kind>`.
  public var tensorName: String { "\(layer).\(kind.rawValue)" }
}
