import Testing
import ThorFormats
import ThorLinalg

@testable import ThorTraining

/// What `epoch_seconds` contains, on a clock that only moves when a
/// pass-through layer runs forward: one second per forward call, so the
/// record's seconds count the forward passes inside the timed part.
@Suite("Epoch timing")
struct EpochTimingTests {
  /// A clock the test advances by hand.
  final class ManualClock: @unchecked Sendable {
    var seconds = 0.0
  }

  /// Passes its input through and ticks the clock on every forward pass.
  final class Tick: Layer {
    let name = "tick"
    let inputShape: FeatureShape
    var outputShape: FeatureShape { inputShape }
    let clock: ManualClock

    init(shape: FeatureShape, clock: ManualClock) {
      inputShape = shape
      self.clock = clock
    }

    func forward(_ input: UnsafePointer<Float>, count: Int)
      -> UnsafePointer<Float>
    {
      clock.seconds += 1
      return input
    }

    func backward(
      _ outputGradient: UnsafePointer<Float>, count: Int,
      needsInputGradient: Bool
    ) -> UnsafePointer<Float>? {
      needsInputGradient ? outputGradient : nil
    }
  }

  /// Two epochs of 200 images in batches of 16 (13 steps each) timed on
  /// `clock`, with a 100-image test set.
  static func trainer(clock: ManualClock) -> Trainer {
    let shape = FeatureShape(height: 4, width: 4, channels: 1)
    let network = Network(layers: [
      Tick(shape: shape, clock: clock),
      Flatten(name: "flatten", shape: shape),
      Dense(name: "fc1", inputSize: 16, outputSize: 2),
    ])
    Initializer.heUniform(network.trainableLayers, seed: 1)
    let trainer = Trainer(
      network: network, optimizer: SGD(momentum: 0.9), modelName: "tick",
      train: TrainerTests.synthetic(count: 200, seed: 1),
      test: TrainerTests.synthetic(count: 100, seed: 2),
      configuration: TrainingConfiguration(
        epochs: 2, batchSize: 16, learningRate: 0.01, seed: 1))
    trainer.secondsNow = { clock.seconds }
    return trainer
  }

  /// 200 training images in batches of 16 are 13 forward passes; the test
  /// set (100 images, 7 batches) and the validation set (50, 4 batches)
  /// are evaluated after the epoch and must not be counted.
  @Test func epochSecondsExcludeEvaluation() throws {
    let clock = ManualClock()
    let trainer = Self.trainer(clock: clock)
    trainer.validation = TrainerTests.synthetic(count: 50, seed: 3)
    var records: [EpochRecord] = []
    try trainer.run { records.append($0) }
    #expect(records.map(\.epochSeconds) == [13, 13])
    #expect(records.map(\.totalSeconds) == [13, 26])
    // The clock did see the evaluations: 2 · (13 + 7 + 4) passes.
    #expect(clock.seconds == 48)
  }

  /// Checkpoints every 5 steps (steps 5, 10 | 15, 20, 25 of 13 per
  /// epoch) carry the training passes before them, not the evaluations
  /// (4 passes each), which stay out of the epoch's seconds as well.
  @Test func checkpointsCountTrainingTimeOnly() throws {
    let clock = ManualClock()
    let trainer = Self.trainer(clock: clock)
    trainer.validation = TrainerTests.synthetic(count: 50, seed: 3)
    trainer.validateEvery = 5
    var records: [EpochRecord] = []
    try trainer.run { records.append($0) }
    #expect(records.map(\.epochSeconds) == [13, 13])
    let points = records.map { $0.checkpoints ?? [] }
    #expect(points.map { $0.map(\.step) } == [[5, 10], [15, 20, 25]])
    #expect(points.map { $0.map(\.seconds) } == [[5, 10], [15, 20, 25]])
    // 2 · (13 training + 7 test + 4 validation) + 5 checkpoints · 4.
    #expect(clock.seconds == 68)
  }
}
