/// One line of a training log (`--log run.jsonl`): the state after an epoch.
///
/// Every line repeats the run's identity (`model`, `optimizer`, `seed`), so
/// a log line stands on its own and logs can be overlaid in reports.
package struct EpochRecord: Codable, Sendable, Equatable {
  /// What the trace rule did to one layer's inverse updates this epoch.
  package struct TraceDecisions: Codable, Sendable, Equatable {
    package var updated: Int
    package var skipped: Int
    package var frozen: Int
    /// The step at which the trace rule froze the layer, and the relative
    /// change Δ that froze it; only in the epoch it happened.
    package var freezeStep: Int?
    package var freezeChange: Double?
    /// The block sizes of `A` and `G` in force; absent when not split.
    package var splitA: Int?
    package var splitG: Int?

    package init(updated: Int = 0, skipped: Int = 0, frozen: Int = 0) {
      self.updated = updated
      self.skipped = skipped
      self.frozen = frozen
    }

    enum CodingKeys: String, CodingKey {
      case updated, skipped, frozen
      case freezeStep = "freeze_step"
      case freezeChange = "freeze_change"
      case splitA = "split_a"
      case splitG = "split_g"
    }
  }

  package var model: String
  package var optimizer: String
  package var seed: UInt64
  /// 1-based epoch number.
  package var epoch: Int
  /// Learning rate at the epoch's last step.
  package var lr: Double
  /// Damping at the epoch's last step (0 for first-order optimizers).
  package var damping: Double
  package var trainLoss: Double
  package var trainAccuracy: Double
  package var testLoss: Double
  package var testAccuracy: Double
  /// Training time of this epoch, evaluation excluded.
  package var epochSeconds: Double
  /// Training time since the start, evaluation excluded.
  package var totalSeconds: Double
  /// Time spent computing Kronecker factors this epoch.
  package var factorSeconds: Double
  /// Time spent inverting factors this epoch.
  package var inverseSeconds: Double
  /// Time spent preconditioning gradients this epoch.
  package var preconditionSeconds: Double
  /// Per layer name: trace-rule decisions this epoch (empty for SGD).
  package var layers: [String: TraceDecisions]
  /// Optimizer events of this epoch (Cholesky jitter); absent when none.
  package var notes: [String]?
  /// Loss and accuracy on the validation split held out of the training
  /// set (`train --validation N`); absent without one.
  package var validationLoss: Double?
  package var validationAccuracy: Double?
  /// Validation evaluations within the epoch, in step order; absent
  /// without `--validate-every`.
  package var checkpoints: [Checkpoint]?

  package init(
    model: String, optimizer: String, seed: UInt64, epoch: Int, lr: Double,
    damping: Double, trainLoss: Double, trainAccuracy: Double,
    testLoss: Double, testAccuracy: Double, epochSeconds: Double,
    totalSeconds: Double, factorSeconds: Double, inverseSeconds: Double,
    preconditionSeconds: Double, layers: [String: TraceDecisions],
    notes: [String]? = nil
  ) {
    self.model = model
    self.optimizer = optimizer
    self.seed = seed
    self.epoch = epoch
    self.lr = lr
    self.damping = damping
    self.trainLoss = trainLoss
    self.trainAccuracy = trainAccuracy
    self.testLoss = testLoss
    self.testAccuracy = testAccuracy
    self.epochSeconds = epochSeconds
    self.totalSeconds = totalSeconds
    self.factorSeconds = factorSeconds
    self.inverseSeconds = inverseSeconds
    self.preconditionSeconds = preconditionSeconds
    self.layers = layers
    self.notes = notes
  }

  enum CodingKeys: String, CodingKey {
    case model, optimizer, seed, epoch, lr, damping, layers, notes
    case checkpoints
    case trainLoss = "train_loss"
    case trainAccuracy = "train_accuracy"
    case testLoss = "test_loss"
    case testAccuracy = "test_accuracy"
    case epochSeconds = "epoch_seconds"
    case totalSeconds = "total_seconds"
    case factorSeconds = "factor_seconds"
    case inverseSeconds = "inverse_seconds"
    case preconditionSeconds = "precondition_seconds"
    case validationLoss = "validation_loss"
    case validationAccuracy = "validation_accuracy"
  }
}
