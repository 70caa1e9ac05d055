import ThorFormats
import ThorLinalg

/// Trains a network on a data set with an optimizer, one epoch at a time,
/// evaluating on a test set after each epoch (outside the timed part).
package final class Trainer {
  package let network: Network
  package let optimizer: any Optimizer
  package let configuration: TrainingConfiguration
  /// Names the model in log records.
  package let modelName: String
  private let train: Dataset
  private let test: Dataset
  /// Evaluated after each epoch beside the test set (outside the timed
  /// part) when set: the split hyperparameters are chosen on.
  package var validation: Dataset?
  /// Also evaluates ``validation`` after every this many steps, outside
  /// the timed part, recording ``EpochRecord/checkpoints``.
  package var validateEvery: Int?
  private let loss: SoftmaxCrossEntropy
  private let evaluationLoss = SoftmaxCrossEntropy()
  private var order: [Int32]
  private var rng: SplitMix64
  private var batchPixels: [Float] = []
  private var batchLabels: [UInt8] = []
  private var step = 0
  private var totalSeconds = 0.0
  /// The time source of ``EpochRecord/epochSeconds``, in seconds; a test
  /// may replace it to check what the timed part contains.
  var secondsNow: () -> Double = { Trainer.origin.secondsElapsed }
  private static let origin = ContinuousClock.now

  package init(
    network: Network, optimizer: any Optimizer, modelName: String,
    train: Dataset, test: Dataset, configuration: TrainingConfiguration
  ) {
    precondition(configuration.batchSize > 0 && train.count > 0)
    precondition(train.shape == network.inputShape)
    self.network = network
    self.optimizer = optimizer
    self.modelName = modelName
    self.train = train
    self.test = test
    self.configuration = configuration
    loss = SoftmaxCrossEntropy(labelSmoothing: configuration.labelSmoothing)
    order = (0..<Int32(train.count)).map { $0 }
    rng = SplitMix64(seed: configuration.shuffleSeed)
  }

  /// Mini-batches per epoch.
  package var batchesPerEpoch: Int {
    (train.count + configuration.batchSize - 1) / configuration.batchSize
  }

  /// Runs every epoch, calling `epochDone` with each epoch's record (write
  /// the log there) and `progress` after every batch.
  /// - Throws: ``TrainingError/nonFiniteLoss`` when the loss diverges (the
  ///   epochs already reported stay valid), or what the optimizer or
  ///   `epochDone` throws.
  package func run(
    progress: (TrainingProgress) -> Void = { _ in },
    epochDone: (EpochRecord) throws -> Void
  ) throws {
    for epoch in 0..<configuration.epochs {
      try epochDone(try runEpoch(epoch, progress: progress))
    }
  }

  /// Trains one epoch (0-based) and evaluates.
  func runEpoch(_ epoch: Int, progress: (TrainingProgress) -> Void) throws
    -> EpochRecord
  {
    var start = secondsNow()
    var checkpoints: [EpochRecord.Checkpoint] = []
    rng.shuffle(&order)
    let layers = network.trainableLayers
    let batches = batchesPerEpoch
    let perEpoch = Double(batches)
    var lossSum = 0.0
    var correct = 0
    var seen = 0
    var lr = 0.0
    for b in 0..<batches {
      let count = loadBatch(b)
      lr = configuration.schedule.value(
        base: configuration.learningRate,
        epoch: Double(step) / perEpoch)
      optimizer.prepare(step: step, epoch: epoch, layers: layers)
      let result = forwardBackward(count: count)
      guard result.lossSum.isFinite else {
        throw TrainingError.nonFiniteLoss(
          epoch: epoch + 1, step: step, value: result.lossSum)
      }
      try optimizer.update(
        layers: layers, step: step, epoch: epoch, learningRate: Float(lr))
      lossSum += result.lossSum
      correct += result.correct
      seen += count
      step += 1
      if let every = validateEvery, let validation, step % every == 0 {
        let paused = secondsNow()
        let result = evaluate(validation)
        checkpoints.append(
          EpochRecord.Checkpoint(
            step: step, seconds: totalSeconds + paused - start,
            validationLoss: result.loss, validationAccuracy: result.accuracy))
        start += secondsNow() - paused
      }
      progress(
        TrainingProgress(
          epoch: epoch + 1, epochs: configuration.epochs, batch: b + 1,
          batches: batches, trainLoss: lossSum / Double(seen),
          trainAccuracy: Double(correct) / Double(seen), learningRate: lr,
          seconds: secondsNow() - start))
    }
    let epochSeconds = secondsNow() - start
    totalSeconds += epochSeconds
    let statistics = optimizer.takeEpochStatistics()
    let evaluation = evaluate(test)
    let validated = validation.map(evaluate)
    var record = EpochRecord(
      model: modelName, optimizer: optimizer.name, seed: configuration.seed,
      epoch: epoch + 1, lr: lr, damping: optimizer.currentDamping,
      trainLoss: lossSum / Double(seen),
      trainAccuracy: Double(correct) / Double(seen),
      testLoss: evaluation.loss, testAccuracy: evaluation.accuracy,
      epochSeconds: epochSeconds, totalSeconds: totalSeconds,
      factorSeconds: statistics.factorSeconds,
      inverseSeconds: statistics.inverseSeconds,
      preconditionSeconds: statistics.preconditionSeconds,
      layers: statistics.layers,
      notes: statistics.notes.isEmpty ? nil : statistics.notes)
    record.validationLoss = validated?.loss
    record.validationAccuracy = validated?.accuracy
    record.checkpoints = validateEvery == nil ? nil : checkpoints
    return record
  }

  /// Mean loss (without label smoothing) and accuracy on `data`, in
  /// batches of the training batch size.
  package func evaluate(_ data: Dataset) -> (loss: Double, accuracy: Double) {
    guard data.count > 0 else { return (0, 0) }
    // Evaluation records no factor statistics (a convolution recording
    // them keeps every batch's patches); the flags are put back after.
    let layers = network.trainableLayers
    let recording = layers.map(\.recordsFactorStatistics)
    for layer in layers { layer.recordsFactorStatistics = false }
    defer {
      for (layer, flag) in zip(layers, recording) {
        layer.recordsFactorStatistics = flag
      }
    }
    let size = data.shape.count
    let batch = configuration.batchSize
    var lossSum = 0.0
    var correct = 0
    data.pixels.withUnsafeBufferPointer { pixels in
      data.labels.withUnsafeBufferPointer { labels in
        for first in stride(from: 0, to: data.count, by: batch) {
          let count = Swift.min(batch, data.count - first)
          let logits = network.forward(
            pixels.baseAddress! + first * size, count: count)
          let r = evaluationLoss.evaluate(
            logits: logits, classes: network.classes,
            labels: labels.baseAddress! + first, count: count,
            computeGradient: false)
          lossSum += r.lossSum
          correct += r.correct
        }
      }
    }
    return (lossSum / Double(data.count), Double(correct) / Double(data.count))
  }

  /// Copies the samples of shuffled batch `b` into the batch buffers.
  private func loadBatch(_ b: Int) -> Int {
    let size = train.shape.count
    let first = b * configuration.batchSize
    let count = Swift.min(configuration.batchSize, train.count - first)
    if batchLabels.count < count {
      batchPixels = [Float](repeating: 0, count: count * size)
      batchLabels = [UInt8](repeating: 0, count: count)
    }
    train.pixels.withUnsafeBufferPointer { source in
      batchPixels.withUnsafeMutableBufferPointer { target in
        for j in 0..<count {
          let i = Int(order[first + j])
          (target.baseAddress! + j * size).update(
            from: source.baseAddress! + i * size, count: size)
          batchLabels[j] = train.labels[i]
        }
      }
    }
    return count
  }

  /// One forward and backward pass over the loaded batch.
  private func forwardBackward(count: Int) -> SoftmaxCrossEntropy.Result {
    batchPixels.withUnsafeBufferPointer { pixels in
      batchLabels.withUnsafeBufferPointer { labels in
        let logits = network.forward(pixels.baseAddress!, count: count)
        let result = loss.evaluate(
          logits: logits, classes: network.classes,
          labels: labels.baseAddress!, count: count, computeGradient: true)
        if result.lossSum.isFinite {
          network.backward(loss.lastGradient, count: count)
        }
        return result
      }
    }
  }
}
