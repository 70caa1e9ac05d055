extension EpochRecord {
  /// The validation split evaluated within an epoch
  /// (`train --validate-every STEPS`), outside the timed part: the points
  /// a time-to-accuracy curve is read from.
  public struct Checkpoint: Codable, Sendable, Equatable {
    /// Optimizer steps taken since the start of training.
    public var step: Int
    /// Training time since the start, evaluation excluded.
    public var seconds: Double
    public var validationLoss: Double
    public var validationAccuracy: Double

    public init(
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
