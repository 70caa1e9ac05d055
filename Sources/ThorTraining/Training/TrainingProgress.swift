/// Where a run stands, for a progress display.
public struct TrainingProgress: Sendable {
  /// 1-based epoch and its count.
  public var epoch: Int
  public var epochs: Int
  /// Batches done in this epoch, of `batches`.
  public var batch: Int
  public var batches: Int
  /// Mean loss and accuracy over this epoch's batches so far.
  public var trainLoss: Double
  public var trainAccuracy: Double
  /// Learning rate of the last step.
  public var learningRate: Double
  /// Training seconds in this epoch so far.
  public var seconds: Double
}
