extension EpochRecord {
  /// The validation split evaluated within an epoch
  /// (`train --validate-every STEPS`), outside the timed part: the points
  /// a time-to-accuracy curve is read from.
  package struct Checkpoint: Codable, Sendable, Equatable {
    /// Optimizer steps taken since the start of training.
    package var step: Int
    /// Training time since the start, evaluation excluded.
    package var seconds: Double
    package var validationLoss: Double
    package var validationAccuracy: Double

    package init(
      step: Int, seconds: Double, validationLoss: Double,
      validationAccuracy: Double
    ) {
      self.step = step
      self.seconds = seconds
      self.validationLoss = validationLoss
      self.validationAccuracy = validationAccuracy
    }

    enum CodingKeys: String, CodingKey {
      case step, seconds
      case validationLoss = "validation_loss"
      case validationAccuracy = "validation_accuracy"
    }
  }
}
