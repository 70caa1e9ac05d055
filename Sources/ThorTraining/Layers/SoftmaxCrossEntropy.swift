import Foundation

/// Softmax cross-entropy over logits (classes × count), with optional label
/// smoothing: the target of sample `n` is `(1 − ε)·onehot(yₙ) + ε/K`.
package final class SoftmaxCrossEntropy {
  /// The label-smoothing weight `ε` in `[0, 1)`.
  package let labelSmoothing: Float
  private let gradient = ScratchBuffer()

  package init(labelSmoothing: Float = 0) {
    precondition(labelSmoothing >= 0 && labelSmoothing < 1)
    self.labelSmoothing = labelSmoothing
  }

  /// The result for one batch.
  package struct Result {
    /// Sum of the per-sample losses (Float64 accumulation).
    package var lossSum: Double
    /// Samples whose largest logit is at their label.
    package var correct: Int
  }

  /// Computes the losses; with `gradient` set, also `∂(Σₙ ℓₙ)/∂logits`
  /// (`pₙ − targetₙ` per column, the SUMMED loss's gradient) in a buffer
  /// returned by ``lastGradient``.
  package func evaluate(
    logits: UnsafePointer<Float>, classes: Int, labels: UnsafePointer<UInt8>,
    count: Int, computeGradient: Bool
  ) -> Result {
    let g = computeGradient ? gradient.reserve(classes * count) : nil
    let off = labelSmoothing / Float(classes)
    let on = 1 - labelSmoothing + off
    var lossSum = 0.0
    var correct = 0
    for n in 0..<count {
      let z = logits + n * classes
      let label = Int(labels[n])
      var best = 0
      var top = z[0]
      for k in 1..<classes where z[k] > top { (best, top) = (k, z[k]) }
      if best == label { correct += 1 }
      var sum: Double = 0
      for k in 0..<classes { sum += Double(exp(z[k] - top)) }
      let logSum = Double(top) + log(sum)
      // ℓ = −Σₖ tₖ log pₖ = logSum − Σₖ tₖ zₖ, Σₖ tₖ = 1.
      var dot = Double(on) * Double(z[label])
      if labelSmoothing > 0 {
        for k in 0..<classes where k != label {
          dot += Double(off) * Double(z[k])
        }
      }
      lossSum += logSum - dot
      if let g {
        let column = g + n * classes
        for k in 0..<classes {
          let p = Float(exp(Double(z[k]) - logSum))
          column[k] = p - (k == label ? on : off)
        }
      }
    }
    return Result(lossSum: lossSum, correct: correct)
  }

  /// The gradient written by the last ``evaluate`` with `computeGradient`.
  package var lastGradient: UnsafePointer<Float> {
    UnsafePointer(gradient.pointer)
  }
}
