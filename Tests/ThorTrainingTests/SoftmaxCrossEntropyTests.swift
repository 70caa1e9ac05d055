import Foundation
import Testing

@testable import ThorTraining

@Suite("Softmax cross-entropy")
struct SoftmaxCrossEntropyTests {
  /// Closed form in Float64: p = softmax(z), t = (1−ε)·onehot + ε/K,
  /// ℓ = −Σ t log p, ∂ℓ/∂z = p − t.
  static func reference(_ z: [Float], label: Int, smoothing: Double)
    -> (loss: Double, gradient: [Double])
  {
    let k = z.count
    let e = z.map { exp(Double($0)) }
    let p = e.map { $0 / e.reduce(0, +) }
    let t = (0..<k).map {
      ($0 == label ? 1 - smoothing : 0) + smoothing / Double(k)
    }
    let loss = -zip(t, p).map { $0 * log($1) }.reduce(0, +)
    return (loss, zip(p, t).map { $0 - $1 })
  }

  @Test(arguments: [0.0, 0.1])
  func matchesClosedForm(smoothing: Double) {
    let classes = 4
    let count = 3
    let logits = randomValues(classes * count, seed: 11).map { 3 * $0 }
    let labels: [UInt8] = [0, 3, 1]
    let loss = SoftmaxCrossEntropy(labelSmoothing: Float(smoothing))
    let result = logits.withUnsafeBufferPointer { z in
      labels.withUnsafeBufferPointer { y in
        loss.evaluate(
          logits: z.baseAddress!, classes: classes, labels: y.baseAddress!,
          count: count, computeGradient: true)
      }
    }
    var total = 0.0
    var correct = 0
    for n in 0..<count {
      let z = Array(logits[(n * classes)..<((n + 1) * classes)])
      let label = Int(labels[n])
      let ref = Self.reference(z, label: label, smoothing: smoothing)
      total += ref.loss
      if z.indices.max(by: { z[$0] < z[$1] }) == label { correct += 1 }
      for k in 0..<classes {
        let g = Double(loss.lastGradient[n * classes + k])
        #expect(abs(g - ref.gradient[k]) < 1e-6)
      }
    }
    #expect(abs(result.lossSum - total) < 1e-5)
    #expect(result.correct == correct)
  }

  @Test func staysFiniteForLargeLogits() {
    let logits: [Float] = [1000, -1000, 0]
    let loss = SoftmaxCrossEntropy()
    let label: [UInt8] = [1]
    let r = logits.withUnsafeBufferPointer { z in
      label.withUnsafeBufferPointer { y in
        loss.evaluate(
          logits: z.baseAddress!, classes: 3, labels: y.baseAddress!,
          count: 1, computeGradient: true)
      }
    }
    #expect(abs(r.lossSum - 2000) < 1e-3)
    #expect(abs(loss.lastGradient[1] + 1) < 1e-6)
  }
}
