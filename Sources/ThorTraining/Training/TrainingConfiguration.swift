/// The hyperparameters of a training run that the trainer itself uses.
package struct TrainingConfiguration: Sendable, Equatable {
  /// Number of passes over the training set.
  package var epochs: Int
  /// Samples per mini-batch (the last batch of an epoch may be smaller).
  package var batchSize: Int
  /// The base learning rate the schedule scales.
  package var learningRate: Double
  package var schedule: LearningRateSchedule
  /// Label-smoothing weight `ε` of the cross-entropy.
  package var labelSmoothing: Float
  /// Seeds the shuffling (the model's initialization takes it too).
  package var seed: UInt64

  package init(
    epochs: Int, batchSize: Int, learningRate: Double,
    schedule: LearningRateSchedule = .constant, labelSmoothing: Float = 0,
    seed: UInt64 = 0
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.schedule = schedule
    self.labelSmoothing = labelSmoothing
    self.seed = seed
  }

  /// The stream the shuffling draws from: distinct from the
  /// initialization's stream for the same seed.
  var shuffleSeed: UInt64 { seed ^ 0xA5A5_5A5A_0F0F_F0F0 }
}
