import ThorTraining

// The K-FAC/THOR side of `thor-tune train`, owned by the second-order
// optimizers: their options, their settings and the optimizer factory.

extension TrainCommand {
  /// Options of the second-order optimizers, listed after the common ones.
  static var secondOrderOptions: [OptionSpec] { [] }

  /// Called after each epoch's log line is written (factor dumps).
  func afterEpoch(_ record: EpochRecord, trainer: Trainer) throws {}

  /// Builds the `kfac`, `thor`, `thor-stop` or `thor-nt` optimizer.
  func makeSecondOrderOptimizer(
    _ kind: OptimizerKind, network: Network,
    configuration: TrainingConfiguration
  ) throws -> any Optimizer {
    throw TrainingError.optimizerUnavailable(kind.rawValue)
  }
}

/// Values of ``TrainCommand/secondOrderOptions``.
struct SecondOrderSettings {
  init(_ arguments: ParsedArguments) throws(CommandLineError) {}
}
