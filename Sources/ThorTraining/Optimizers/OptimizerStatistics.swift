import ThorFormats

/// What an optimizer spent and decided during one epoch.
package struct OptimizerStatistics: Sendable, Equatable {
  /// Seconds spent computing Kronecker factors.
  package var factorSeconds: Double
  /// Seconds spent inverting factors.
  package var inverseSeconds: Double
  /// Seconds spent preconditioning gradients.
  package var preconditionSeconds: Double
  /// Per layer name: trace-rule decisions (empty for first-order methods).
  package var layers: [String: EpochRecord.TraceDecisions]
  /// Events worth telling the user, e.g. "conv2.A: jitter 1e-4 added".
  package var notes: [String]

  package init(
    factorSeconds: Double = 0, inverseSeconds: Double = 0,
    preconditionSeconds: Double = 0,
    layers: [String: EpochRecord.TraceDecisions] = [:], notes: [String] = []
  ) {
    self.factorSeconds = factorSeconds
    self.inverseSeconds = inverseSeconds
    self.preconditionSeconds = preconditionSeconds
    self.layers = layers
    self.notes = notes
  }
}
