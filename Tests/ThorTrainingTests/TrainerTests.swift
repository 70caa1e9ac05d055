import Testing
import ThorFormats
import ThorLinalg

@testable import ThorTraining

@Suite("Trainer")
struct TrainerTests {
  /// 4×4 images of two classes: class 1 is bright in the top half.
  static func synthetic(count: Int, seed: UInt64) -> Dataset {
    var rng = SplitMix64(seed: seed)
    var pixels: [Float] = []
    var labels: [UInt8] = []
    for _ in 0..<count {
      let label = UInt8(rng.next(below: 2))
      for i in 0..<16 {
        let bright = (i < 8) == (label == 1)
        pixels.append((bright ? 1 : -1) * 0.5 + rng.nextUnit() - 0.5)
      }
      labels.append(label)
    }
    return Dataset(
      shape: FeatureShape(height: 4, width: 4, channels: 1), classes: 2,
      pixels: pixels, labels: labels)
  }

  static func network(seed: UInt64) -> Network {
    let shape = FeatureShape(height: 4, width: 4, channels: 1)
    let conv = Convolution(
      name: "conv1", input: shape, outputChannels: 3, kernelSize: 3,
      padding: 1)
    let pool = MaxPool(name: "pool1", shape: conv.outputShape)
    let network = Network(layers: [
      conv, ReLU(name: "relu1", shape: conv.outputShape), pool,
      Flatten(name: "flatten", shape: pool.outputShape),
      Dense(name: "fc1", inputSize: 12, outputSize: 2),
    ])
    Initializer.heUniform(network.trainableLayers, seed: seed)
    return network
  }

  static func run(seed: UInt64, epochs: Int = 3) throws -> [EpochRecord] {
    let configuration = TrainingConfiguration(
      epochs: epochs, batchSize: 16, learningRate: 0.05,
      schedule: .polynomial(end: 10, power: 1), seed: seed)
    let trainer = Trainer(
      network: network(seed: seed), optimizer: SGD(momentum: 0.9),
      modelName: "tiny", train: synthetic(count: 200, seed: 1),
      test: synthetic(count: 100, seed: 2), configuration: configuration)
    var records: [EpochRecord] = []
    try trainer.run { records.append($0) }
    return records
  }

  /// The records without the timings, which differ between runs.
  static func outcomes(_ r: [EpochRecord]) -> [[Double]] {
    r.map { [$0.trainLoss, $0.trainAccuracy, $0.testLoss, $0.lr] }
  }

  @Test func sameSeedSameRun() throws {
    let a = try Self.run(seed: 7)
    let b = try Self.run(seed: 7)
    #expect(Self.outcomes(a) == Self.outcomes(b))
    #expect(Self.outcomes(a) != Self.outcomes(try Self.run(seed: 8)))
  }

  @Test func learnsASeparableTask() throws {
    let records = try Self.run(seed: 3, epochs: 4)
    #expect(records.map(\.epoch) == [1, 2, 3, 4])
    #expect(records.last!.testAccuracy > 0.95)
    #expect(records.last!.trainLoss < records.first!.trainLoss)
    // Eq. 14 at the last step: 0.05·(1 − (4·13 − 1)/13/10).
    #expect(abs(records.last!.lr - 0.05 * (1 - 51.0 / 130)) < 1e-12)
  }

  @Test func stopsOnANonFiniteLoss() throws {
    let configuration = TrainingConfiguration(
      epochs: 2, batchSize: 16, learningRate: 1e30, seed: 1)
    let trainer = Trainer(
      network: Self.network(seed: 1), optimizer: SGD(momentum: 0),
      modelName: "tiny", train: Self.synthetic(count: 64, seed: 1),
      test: Self.synthetic(count: 16, seed: 2), configuration: configuration)
    var records: [EpochRecord] = []
    #expect {
      try trainer.run { records.append($0) }
    } throws: { error in
      guard case .nonFiniteLoss(let epoch, _, _) = error as? TrainingError
      else { return false }
      return epoch == 1
    }
    #expect(records.isEmpty)
  }
}

@Suite("Model presets")
struct ModelSpecTests {
  @Test func presetsHaveThePaperShapes() throws {
    let image = FeatureShape(height: 28, width: 28, channels: 1)
    let cnn = try ModelSpec.cnn.makeNetwork(input: image, classes: 10, seed: 0)
    #expect(
      cnn.trainableLayers.map(\.name) == ["conv1", "conv2", "fc1", "fc2"])
    #expect(cnn.trainableLayers.map(\.inputDimension) == [26, 801, 3137, 257])
    #expect(cnn.trainableLayers.map(\.outputDimension) == [32, 64, 256, 10])
    let mlp = try ModelSpec(parsing: "mlp").makeNetwork(
      input: image, classes: 10, seed: 0)
    #expect(mlp.parameterCount == 785 * 512 + 513 * 256 + 257 * 10)
    let custom = try ModelSpec(parsing: "mlp:784,20,20,20,10")
    #expect(custom == .customMLP([784, 20, 20, 20, 10]))
    let net = try custom.makeNetwork(input: image, classes: 10, seed: 0)
    #expect(net.trainableLayers.map(\.name) == ["fc1", "fc2", "fc3", "fc4"])
  }

  @Test(arguments: ["mlp:", "mlp:784", "mlp:784,0,10", "rnn", "mlp:784,x"])
  func rejectsBadSpecs(text: String) {
    #expect(throws: TrainingError.badModel(text)) {
      try ModelSpec(parsing: text)
    }
  }

  @Test func rejectsAnMLPThatDoesNotFitTheData() throws {
    let spec = try ModelSpec(parsing: "mlp:100,10")
    #expect(
      throws: TrainingError.modelDoesNotFitData(
        model: "mlp:100,10", features: 784, classes: 10)
    ) {
      try spec.makeNetwork(
        input: FeatureShape(height: 28, width: 28, channels: 1), classes: 10,
        seed: 0)
    }
  }

  @Test func initializationIsSeededHeUniform() throws {
    let image = FeatureShape(height: 28, width: 28, channels: 1)
    let a = try ModelSpec.mlp.makeNetwork(input: image, classes: 10, seed: 4)
    let b = try ModelSpec.mlp.makeNetwork(input: image, classes: 10, seed: 4)
    let fc1 = a.trainableLayers[0].parameters
    #expect(fc1 == b.trainableLayers[0].parameters)
    let weights = fc1.storage[..<(512 * 784)]
    let bound = Float(6.0 / 784).squareRoot()
    #expect(weights.allSatisfy { abs($0) <= bound })
    #expect(weights.max()! > 0.95 * bound && weights.min()! < -0.95 * bound)
    #expect(fc1.storage[(512 * 784)...].allSatisfy { $0 == 0 })
  }
}
