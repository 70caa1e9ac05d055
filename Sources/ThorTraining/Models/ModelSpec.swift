import Foundation

/// Which network to build: the `mlp` and `cnn` presets or a custom MLP
/// `mlp:784,20,20,20,10` (layer widths, input first, logits last).
package enum ModelSpec: Sendable, Equatable, CustomStringConvertible {
  /// 784 → 512 → ReLU → 256 → ReLU → 10.
  case mlp
  /// conv 5×5 1→32 pad 2, ReLU, max-pool 2 → conv 5×5 32→64 pad 2, ReLU,
  /// max-pool 2 → flatten 3136 → dense 256, ReLU → dense 10.
  case cnn
  /// Dense layers of these widths with ReLU between them.
  case customMLP([Int])

  /// Parses `mlp`, `cnn` or `mlp:W0,W1,…,Wn` (n ≥ 1, every width ≥ 1).
  package init(parsing text: String) throws(TrainingError) {
    switch text {
    case "mlp": self = .mlp
    case "cnn": self = .cnn
    default:
      guard text.hasPrefix("mlp:") else { throw .badModel(text) }
      let parts = text.dropFirst(4).split(
        separator: ",", omittingEmptySubsequences: false)
      let widths = parts.compactMap {
        Int($0.trimmingCharacters(in: .whitespaces))
      }
      guard widths.count == parts.count, widths.count >= 2,
        widths.allSatisfy({ $0 > 0 })
      else { throw .badModel(text) }
      self = .customMLP(widths)
    }
  }

  package var description: String {
    switch self {
    case .mlp: "mlp"
    case .cnn: "cnn"
    case .customMLP(let w): "mlp:" + w.map(String.init).joined(separator: ",")
    }
  }

  /// Builds the network for samples of `input` shape and `classes` labels,
  /// with He-uniform weights from `seed`.
  /// - Throws: ``TrainingError/modelDoesNotFitData`` when a custom MLP's
  ///   first or last width disagrees with the data.
  package func makeNetwork(
    input: FeatureShape, classes: Int, seed: UInt64
  ) throws(TrainingError) -> Network {
    let layers: [any Layer]
    switch self {
    case .mlp:
      layers = Self.denseStack(
        input: input, widths: [input.count, 512, 256, classes])
    case .customMLP(let widths):
      guard widths.first == input.count, widths.last == classes else {
        throw .modelDoesNotFitData(
          model: description, features: input.count, classes: classes)
      }
      layers = Self.denseStack(input: input, widths: widths)
    case .cnn:
      layers = Self.cnnLayers(input: input, classes: classes)
    }
    let network = Network(layers: layers)
    Initializer.heUniform(network.trainableLayers, seed: seed)
    return network
  }

  /// `fc1`, `relu1`, `fc2`, … with a flatten first for image input.
  private static func denseStack(input: FeatureShape, widths: [Int])
    -> [any Layer]
  {
    var layers: [any Layer] = []
    if input.height > 1 || input.width > 1 {
      layers.append(Flatten(name: "flatten", shape: input))
    }
    for i in 1..<widths.count {
      layers.append(
        Dense(name: "fc\(i)", inputSize: widths[i - 1], outputSize: widths[i]))
      if i < widths.count - 1 {
        layers.append(ReLU(name: "relu\(i)", shape: .vector(widths[i])))
      }
    }
    return layers
  }

  private static func cnnLayers(input: FeatureShape, classes: Int)
    -> [any Layer]
  {
    let conv1 = Convolution(
      name: "conv1", input: input, outputChannels: 32, kernelSize: 5,
      padding: 2)
    let relu1 = ReLU(name: "relu1", shape: conv1.outputShape)
    let pool1 = MaxPool(name: "pool1", shape: conv1.outputShape)
    let conv2 = Convolution(
      name: "conv2", input: pool1.outputShape, outputChannels: 64,
      kernelSize: 5, padding: 2)
    let relu2 = ReLU(name: "relu2", shape: conv2.outputShape)
    let pool2 = MaxPool(name: "pool2", shape: conv2.outputShape)
    let flatten = Flatten(name: "flatten", shape: pool2.outputShape)
    let fc1 = Dense(
      name: "fc1", inputSize: flatten.outputShape.count, outputSize: 256)
    let relu3 = ReLU(name: "relu3", shape: fc1.outputShape)
    let fc2 = Dense(name: "fc2", inputSize: 256, outputSize: classes)
    return [conv1, relu1, pool1, conv2, relu2, pool2, flatten, fc1, relu3, fc2]
  }
}
