import Foundation
import Testing
import ThorSafetensors

@testable import ThorTraining

@Suite("Initial weights from safetensors") struct NetworkWeightsTests {
  func file(_ tensors: [(String, [Int], [Float])]) throws -> SafetensorsFile {
    var writer = SafetensorsWriter()
    for (name, shape, values) in tensors {
      writer.add(name: name, shape: shape, values: values)
    }
    return try SafetensorsFile(
      data: writer.serialized(), source: "w.safetensors")
  }

  @Test func denseWeightsAndBiasLandInPlace() throws {
    let net = Network(layers: [Dense(name: "fc", inputSize: 3, outputSize: 2)])
    // W = [[1, 2, 3], [4, 5, 6]] row-major, b = [7, 8].
    try net.loadWeights(
      from: file([
        ("fc.weight", [2, 3], [1, 2, 3, 4, 5, 6]), ("fc.bias", [2], [7, 8]),
      ]))
    let p = net.trainableLayers[0].parameters
    #expect(p[0, 0] == 1 && p[0, 2] == 3 && p[1, 0] == 4 && p[1, 2] == 6)
    #expect(p[0, 3] == 7 && p[1, 3] == 8)
  }

  @Test func convolutionWeightsAreReorderedToPatchOrder() throws {
    let conv = Convolution(
      name: "conv", input: FeatureShape(height: 4, width: 4, channels: 2),
      outputChannels: 1, kernelSize: 2, padding: 0)
    let net = Network(layers: [conv])
    // PyTorch [C_out=1, C_in=2, ky, kx]: value 100·c + 10·ky + kx.
    var w: [Float] = []
    for c in 0..<2 {
      for ky in 0..<2 {
        for kx in 0..<2 {
          w.append(Float(100 * c + 10 * ky + kx))
        }
      }
    }
    try net.loadWeights(
      from: file([
        ("conv.weight", [1, 2, 2, 2], w), ("conv.bias", [1], [9]),
      ]))
    let p = net.trainableLayers[0].parameters
    // Patch column (ky·2 + kx)·2 + c.
    for c in 0..<2 {
      for ky in 0..<2 {
        for kx in 0..<2 {
          #expect(p[0, (ky * 2 + kx) * 2 + c] == Float(100 * c + 10 * ky + kx))
        }
      }
    }
    #expect(p[0, 8] == 9)
  }

  @Test func errorsNameTheTensor() throws {
    let net = Network(layers: [Dense(name: "fc", inputSize: 3, outputSize: 2)])
    #expect(
      throws: WeightsError.missing(
        source: "w.safetensors", tensor: "fc.bias")
    ) {
      try net.loadWeights(
        from: file([("fc.weight", [2, 3], [0, 0, 0, 0, 0, 0])]))
    }
    #expect(
      throws: WeightsError.wrongShape(
        source: "w.safetensors", tensor: "fc.weight", found: [3, 2],
        expected: [2, 3])
    ) {
      try net.loadWeights(
        from: file([
          ("fc.weight", [3, 2], [0, 0, 0, 0, 0, 0]), ("fc.bias", [2], [0, 0]),
        ]))
    }
    #expect(
      throws: WeightsError.unknown(
        source: "w.safetensors", tensors: ["fc2.bias"])
    ) {
      try net.loadWeights(
        from: file([
          ("fc.weight", [2, 3], [0, 0, 0, 0, 0, 0]), ("fc.bias", [2], [0, 0]),
          ("fc2.bias", [1], [0]),
        ]))
    }
  }
}
