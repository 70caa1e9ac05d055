/// Where a run stands, for a progress display.
package struct TrainingProgress: Sendable {
  /// 1-based epoch and its count.
  package var epoch: Int
  package var epochs: Int
  /// Batches done in this epoch, of `batches`.
  package var batch: Int
  package var batches: Int
  /// Mean loss and accuracy over this epoch's batches so far.
  package var trainLoss: Double
  package var trainAccuracy: Double
  /// Learning rate of the last step.
  package var learningRate: Double
  /// Training seconds in this epoch so far.
  package var seconds: Double
}
