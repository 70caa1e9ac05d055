import Testing
import ThorLinalg

@testable import ThorTraining

/// Which layers back-propagation reaches: it must stop at the first
/// trainable layer and never ask that layer for its input gradient.
@Suite("Network backward pass")
struct NetworkBackwardTests {
  /// Passes values through and records every backward call's
  /// `needsInputGradient`.
  final class Spy: Layer {
    let name: String
    let inputShape: FeatureShape
    var outputShape: FeatureShape { inputShape }
    private(set) var backwardCalls: [Bool] = []

    init(name: String, size: Int) {
      self.name = name
      inputShape = .vector(size)
    }

    func forward(_ input: UnsafePointer<Float>, count: Int)
      -> UnsafePointer<Float>
    { input }

    func backward(
      _ outputGradient: UnsafePointer<Float>, count: Int,
      needsInputGradient: Bool
    ) -> UnsafePointer<Float>? {
      backwardCalls.append(needsInputGradient)
      return needsInputGradient ? outputGradient : nil
    }
  }

  /// Runs one forward and backward pass of two samples.
  static func pass(_ network: Network) {
    let size = network.inputShape.count
    let input = [Float](repeating: 0.5, count: size * 2)
    let classes = network.classes
    let logitGradient = [Float](repeating: 1, count: classes * 2)
    input.withUnsafeBufferPointer {
      _ = network.forward($0.baseAddress!, count: 2)
    }
    logitGradient.withUnsafeBufferPointer {
      network.backward($0.baseAddress!, count: 2)
    }
  }

  @Test func stopsAtTheFirstTrainableLayer() {
    let before = Spy(name: "before", size: 3)
    let between = Spy(name: "between", size: 4)
    let after = Spy(name: "after", size: 2)
    let network = Network(layers: [
      before, Dense(name: "fc1", inputSize: 3, outputSize: 4), between,
      Dense(name: "fc2", inputSize: 4, outputSize: 2), after,
    ])
    Self.pass(network)
    #expect(before.backwardCalls.isEmpty)
    #expect(between.backwardCalls == [true])
    #expect(after.backwardCalls == [true])
  }

  /// fc1's input gradient is not needed, but its parameter gradient is:
  /// with a unit logit gradient on the one output, it is `[a | 1]`, the
  /// augmented input averaged over the batch (0.5 and 1 here).
  @Test func firstLayerStillGetsItsParameterGradient() {
    let before = Spy(name: "before", size: 3)
    let fc1 = Dense(name: "fc1", inputSize: 3, outputSize: 1)
    let network = Network(layers: [before, fc1])
    Self.pass(network)
    #expect(before.backwardCalls.isEmpty)
    let g = fc1.parameterGradient
    #expect((0..<3).map { g[0, $0] } == [0.5, 0.5, 0.5])
    #expect(g[0, 3] == 1)
  }

  @Test func networkWithoutParametersDoesNothing() {
    let only = Spy(name: "only", size: 2)
    Self.pass(Network(layers: [only]))
    #expect(only.backwardCalls.isEmpty)
  }
}
