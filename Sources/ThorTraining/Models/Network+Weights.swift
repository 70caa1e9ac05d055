import ThorLinalg
import ThorSafetensors

/// Why initial weights cannot be loaded (`train --init-weights`).
package enum WeightsError: Error, Equatable, Sendable {
  /// The file could not be read or is malformed.
  case file(SafetensorsError)
  /// A layer's tensor is absent.
  case missing(source: String, tensor: String)
  /// A tensor's shape is not the layer's.
  case wrongShape(source: String, tensor: String, found: [Int], expected: [Int])
  /// Tensors that name no layer of the model.
  case unknown(source: String, tensors: [String])
}

extension WeightsError: CustomStringConvertible {
  package var description: String {
    func shape(_ s: [Int]) -> String {
      "[" + s.map(String.init).joined(separator: ", ") + "]"
    }
    switch self {
    case .file(let error): return error.description
    case .missing(let source, let tensor):
      return "\(source): no tensor '\(tensor)' (each layer needs "
        + "'<layer>.weight' and '<layer>.bias')"
    case .wrongShape(let source, let tensor, let found, let expected):
      return "\(source): tensor '\(tensor)' has shape \(shape(found)); the "
        + "model needs \(shape(expected))"
    case .unknown(let source, let tensors):
      return "\(source): tensors \(tensors.joined(separator: ", ")) name no "
        + "layer of the model"
    }
  }
}

extension Network {
  /// Sets every trainable layer's parameters from a safetensors file in
  /// PyTorch's conventions: `<layer>.weight` (`[d_out, d_in]` for a dense
  /// layer, `[C_out, C_in, k, k]` for a convolution) and `<layer>.bias`
  /// (`[d_out]`), any float dtype. A convolution's weights are reordered
  /// into this trainer's (kernel row, kernel column, channel) patch order;
  /// a dense layer after a flatten reads its inputs in (height, width,
  /// channel) order, as the trainer's layers store them.
  /// Tensors that name no layer are refused before any layer changes.
  /// - Throws: ``WeightsError`` naming the file and tensor.
  package func loadWeights(from file: SafetensorsFile) throws(WeightsError) {
    let names = Set(
      trainableLayers.flatMap { [$0.name + ".weight", $0.name + ".bias"] })
    let unknown = file.tensors.map(\.name).filter { !names.contains($0) }
    guard unknown.isEmpty else {
      throw .unknown(source: file.source, tensors: unknown.sorted())
    }
    for layer in trainableLayers {
      let rows = layer.outputDimension
      let inputs = layer.inputDimension - 1
      let weightName = layer.name + ".weight"
      let biasName = layer.name + ".bias"
      let expected: [Int]
      var order: [Int] = Array(0..<inputs)  // parameter column of weight j
      if let conv = layer as? Convolution {
        let c = conv.inputShape.channels
        let k = conv.kernelSize
        expected = [rows, c, k, k]
        // PyTorch's (channel, ky, kx) → column (ky·k + kx)·c + channel.
        order = (0..<inputs).map { j in
          let channel = j / (k * k)
          let ky = (j / k) % k
          let kx = j % k
          return (ky * k + kx) * c + channel
        }
      } else {
        expected = [rows, inputs]
      }
      let weights = try values(file, weightName, shape: expected)
      let bias = try values(file, biasName, shape: [rows])
      var parameters = Matrix<Float>(rows: rows, columns: inputs + 1)
      for i in 0..<rows {
        for j in 0..<inputs {
          parameters[i, order[j]] = weights[i * inputs + j]
        }
        parameters[i, inputs] = bias[i]
      }
      layer.parameters = parameters
    }
  }

  private func values(_ file: SafetensorsFile, _ name: String, shape: [Int])
    throws(WeightsError) -> [Float]
  {
    guard let tensor = file.tensors.first(where: { $0.name == name }) else {
      throw .missing(source: file.source, tensor: name)
    }
    guard tensor.shape == shape else {
      throw .wrongShape(
        source: file.source, tensor: name, found: tensor.shape,
        expected: shape)
    }
    do {
      return try file.floats(of: name)
    } catch {
      throw .file(error)
    }
  }
}
