/// The traces of every layer's Kronecker factors in one factor dump.
package struct FactorTraces: Sendable, Equatable {
  /// `tr(A)`, `tr(G)` and their dimensions for one layer; a factor the
  /// dump lacks is `nil`.
  package struct Layer: Sendable, Equatable {
    package var traceA: Double?
    package var dimA: Int?
    package var traceG: Double?
    package var dimG: Int?

    package init(
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
    package func dampedTrace(damping: Double) -> Double? {
      guard let traceA, let traceG, let dimA, let dimG else { return nil }
      return traceA * traceG + damping * Double(dimA) * Double(dimG)
    }
  }

  /// The training step the dump was taken at.
  package var step: Int
  /// The dump's file.
  package var source: String
  /// Per layer name.
  package var layers: [String: Layer]
  /// Layer names in the dump's order (the model's, for our trainer).
  package var order: [String]

  /// Creates traces; `order` defaults to the names sorted.
  package init(
    step: Int, source: String, layers: [String: Layer],
    order: [String]? = nil
  ) {
    self.step = step
    self.source = source
    self.layers = layers
    self.order = order ?? layers.keys.sorted()
  }
}
