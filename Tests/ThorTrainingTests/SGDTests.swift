import Testing
import ThorLinalg

@testable import ThorTraining

@Suite("SGD")
struct SGDTests {
  /// A layer with a settable gradient, to drive optimizers directly.
  final class FixedLayer: KroneckerFactoredLayer {
    let name = "fc1"
    let outputDimension = 1, inputDimension = 2
    var parameters = Matrix<Float>(rows: 1, columns: 2, columnMajor: [1, -2])
    var parameterGradient = Matrix<Float>(rows: 1, columns: 2)
    var recordsFactorStatistics = false
    let batchSize = 1
    func withFactorInputs<R>(
      _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
    ) rethrows -> R { try body(.init(start: nil, count: 0), 2, 0) }
    func withFactorOutputGradients<R>(
      _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
    ) rethrows -> R { try body(.init(start: nil, count: 0), 1, 0) }
  }

  /// Two steps with gradients g₁ = (0.5, 1), g₂ = (−1, 0.25), lr 0.1,
  /// μ = 0.9, wd = 0.01, computed by hand from PyTorch's definition; the
  /// second parameter is the bias, decayed only with `.weightsAndBiases`.
  @Test(arguments: [false, true], WeightDecayScope.allCases)
  func twoMomentumSteps(nesterov: Bool, scope: WeightDecayScope) throws {
    let layer = FixedLayer()
    let sgd = SGD(
      momentum: 0.9, nesterov: nesterov, weightDecay: 0.01,
      decayScope: scope)
    let wd = [0.01, scope == .weightsOnly ? 0 : 0.01]
    var theta: [Double] = [1, -2]
    var v: [Double] = [0, 0]
    for (step, g) in [[0.5, 1.0], [-1.0, 0.25]].enumerated() {
      layer.parameterGradient = Matrix(
        rows: 1, columns: 2, columnMajor: g.map { Float($0) })
      try sgd.update(
        layers: [layer], step: step, epoch: 0, learningRate: 0.1)
      for i in 0..<2 {
        let d = g[i] + wd[i] * theta[i]
        v[i] = 0.9 * v[i] + d
        theta[i] -= 0.1 * (nesterov ? d + 0.9 * v[i] : v[i])
      }
      for i in 0..<2 {
        #expect(abs(Double(layer.parameters.storage[i]) - theta[i]) < 1e-6)
      }
    }
  }

  /// The first step written out: d = g + wd·θ = (0.51, 0.98), v = d;
  /// θ − 0.1·v, or with Nesterov θ − 0.1·(d + 0.9·v) = θ − 0.1·1.9·d. The
  /// bias (second) is not decayed by default: d = 1, θ = −2.1 or −2.19.
  @Test(arguments: [
    (false, WeightDecayScope.weightsAndBiases, 0.949, -2.098),
    (true, .weightsAndBiases, 0.9031, -2.1862),
    (false, .weightsOnly, 0.949, -2.1), (true, .weightsOnly, 0.9031, -2.19),
  ])
  func firstStepByHand(
    nesterov: Bool, scope: WeightDecayScope, first: Double, second: Double
  ) throws {
    let layer = FixedLayer()
    layer.parameterGradient = Matrix(
      rows: 1, columns: 2, columnMajor: [0.5, 1])
    try SGD(
      momentum: 0.9, nesterov: nesterov, weightDecay: 0.01,
      decayScope: scope
    ).update(layers: [layer], step: 0, epoch: 0, learningRate: 0.1)
    #expect(abs(Double(layer.parameters.storage[0]) - first) < 1e-6)
    #expect(abs(Double(layer.parameters.storage[1]) - second) < 1e-6)
  }

  @Test func plainSGDIsGradientDescent() throws {
    let layer = FixedLayer()
    layer.parameterGradient = Matrix(rows: 1, columns: 2, columnMajor: [2, 4])
    try SGD(momentum: 0).update(
      layers: [layer], step: 0, epoch: 0, learningRate: 0.5)
    #expect(layer.parameters.storage == [0, -4])
  }
}
