/// The traces of every layer's Kronecker factors in one factor dump.
public struct FactorTraces: Sendable, Equatable {
  /// `tr(A)`, `tr(G)` and their dimensions for one layer; a factor the
  /// dump lacks is `nil`.
  public struct Layer: Sendable, Equatable {
    public var traceA: Double?
    public var dimA: Int?
    public var traceG: Double?
    public var dimG: Int?

    public init(
      traceA: Double? = nil, dimA: Int? = nil, traceG: Double? = nil,
      dimG: Int? = nil
    ) {
      self.traceA = traceA
      self.dimA = dimA
      self.traceG = traceG
      self.dimG = dimG
    }

    /// `tr(F + λI) = tr(A)·tr(G) + λ·d_A·d_G` for `F = A ⊗ G` (README
    /// definitions, trace rule); `nil` without both factors.
    public func dampedTrace(damping: Double) -> Double? {
      guard let traceA, let traceG, let dimA, let dimG else { return nil }
      return traceA * traceG + damping * Double(dimA) * Double(dimG)
    }
  }

  /// The training step the dump was taken at.
  public var step: Int
  /// The dump's file.
  public var source: String
  /// Per layer name.
  public var layers: [String: Layer]
  /// Layer names in the dump's order (the model's, for our trainer).
  public var order: [String]

  /// Creates traces; `order` defaults to the names sorted.
  public init(
    step: Int, source: String, layers: [String: Layer],
    order: [String]? = nil
  ) {
    self.step = step
    self.source = source
    self.layers = layers
    self.order = order ?? layers.keys.sorted()
  }
}
