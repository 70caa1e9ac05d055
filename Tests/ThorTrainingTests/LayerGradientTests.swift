import Testing
import ThorLinalg

@testable import ThorTraining

@Suite("Layer backward passes against finite differences")
struct LayerGradientTests {
  @Test(arguments: [1, 3])
  func dense(count: Int) {
    let layer = Dense(name: "fc1", inputSize: 5, outputSize: 4)
    layer.parameters = Matrix(
      rows: 4, columns: 6, columnMajor: randomValues(24, seed: 1))
    let check = GradientCheck(
      layer: layer, input: randomValues(5 * count, seed: 2), count: count,
      seed: 3)
    let (dx, dp) = check.analytic()
    #expect(worstRelativeError(dx, check.numericInput()) < 1e-3)
    #expect(worstRelativeError(dp!, check.numericParameters(layer)) < 1e-3)
  }

  @Test(arguments: [(0, 3), (1, 3), (2, 5), (1, 2)])
  func convolution(padding: Int, kernel: Int) {
    let shape = FeatureShape(height: 5, width: 4, channels: 2)
    let layer = Convolution(
      name: "conv1", input: shape, outputChannels: 3, kernelSize: kernel,
      padding: padding)
    let columns = layer.inputDimension
    layer.parameters = Matrix(
      rows: 3, columns: columns,
      columnMajor: randomValues(3 * columns, seed: 4))
    let count = 2
    let check = GradientCheck(
      layer: layer, input: randomValues(shape.count * count, seed: 5),
      count: count, seed: 6)
    let (dx, dp) = check.analytic()
    #expect(worstRelativeError(dx, check.numericInput()) < 1e-3)
    #expect(worstRelativeError(dp!, check.numericParameters(layer)) < 1e-3)
  }

  @Test func relu() {
    // |x| ≥ 0.1 keeps every element's sign under a ±0.05 step.
    let input = randomValues(24, seed: 7).map { $0 < 0 ? $0 - 0.1 : $0 + 0.1 }
    let layer = ReLU(name: "relu1", shape: .vector(8))
    let check = GradientCheck(layer: layer, input: input, count: 3, seed: 8)
    let error = worstRelativeError(
      check.analytic().input, check.numericInput())
    #expect(error < 1e-3)
  }

  @Test func maxPool() {
    // Distinct values 0.25 apart: a ±0.05 step never changes a maximum.
    let shape = FeatureShape(height: 4, width: 6, channels: 3)
    let count = 2
    let n = shape.count * count
    var rng = SplitMix64(seed: 9)
    var values = (0..<n).map { Float($0) * 0.25 }
    for i in stride(from: n - 1, to: 0, by: -1) {
      values.swapAt(i, rng.next(below: i + 1))
    }
    let layer = MaxPool(name: "pool1", shape: shape)
    let check = GradientCheck(
      layer: layer, input: values, count: count, seed: 10)
    let error = worstRelativeError(
      check.analytic().input, check.numericInput())
    #expect(error < 1e-3)
  }

  @Test func maxPoolDropsOddEdge() {
    let shape = FeatureShape(height: 3, width: 3, channels: 1)
    let layer = MaxPool(name: "pool1", shape: shape)
    let input: [Float] = [1, 2, 9, 4, 3, 9, 9, 9, 9]
    let y = input.withUnsafeBufferPointer {
      layer.forward($0.baseAddress!, count: 1)
    }
    #expect(layer.outputShape == .vector(1))
    #expect(y[0] == 4)
  }
}
