import ThorLinalg

@testable import ThorTraining

/// Finite-difference checks of a layer's backward pass.
///
/// The probe is `f = Σ c ⊙ layer(x)` for fixed random `c`, accumulated in
/// Float64. Dense and convolution layers are linear in `x` and in `θ`, and
/// ReLU and max-pooling are piecewise linear, so a central difference with
/// a step that crosses no kink is exact up to Float32 rounding; inputs are
/// built to keep kinks further than the step away.
struct GradientCheck {
  let layer: any Layer
  let input: [Float]
  let count: Int
  let probe: [Float]
  var step: Float = 0.05

  init(layer: any Layer, input: [Float], count: Int, seed: UInt64) {
    self.layer = layer
    self.input = input
    self.count = count
    var rng = SplitMix64(seed: seed)
    probe = (0..<(layer.outputShape.count * count)).map { _ in
      2 * rng.nextUnit() - 1
    }
  }

  /// `f` at `x` with the layer's current parameters.
  func value(at x: [Float]) -> Double {
    let n = layer.outputShape.count * count
    return x.withUnsafeBufferPointer { x in
      let y = layer.forward(x.baseAddress!, count: count)
      var sum = 0.0
      for i in 0..<n { sum += Double(probe[i]) * Double(y[i]) }
      return sum
    }
  }

  /// Analytic gradients: (∂f/∂x, ∂f/∂θ when the layer has parameters).
  func analytic() -> (input: [Float], parameters: [Float]?) {
    _ = value(at: input)
    let dx = probe.withUnsafeBufferPointer { c in
      let g = layer.backward(
        c.baseAddress!, count: count, needsInputGradient: true)!
      return Array(
        UnsafeBufferPointer(start: g, count: layer.inputShape.count * count))
    }
    // parameterGradient is the MEAN loss's: scale back to f's gradient.
    let dp = (layer as? any KroneckerFactoredLayer).map {
      $0.parameterGradient.storage.map { $0 * Float(count) }
    }
    return (dx, dp)
  }

  /// Central differences of `f` w.r.t. every input element.
  func numericInput() -> [Float] {
    (0..<input.count).map { i in
      var plus = input
      var minus = input
      plus[i] += step
      minus[i] -= step
      return Float((value(at: plus) - value(at: minus)) / Double(2 * step))
    }
  }

  /// Central differences of `f` w.r.t. every parameter.
  func numericParameters(_ layer: any KroneckerFactoredLayer) -> [Float] {
    let base = layer.parameters
    defer { layer.parameters = base }
    return (0..<base.storage.count).map { i in
      var plus = base
      var minus = base
      plus.withUnsafeMutableElements { $0[i] += step }
      minus.withUnsafeMutableElements { $0[i] -= step }
      layer.parameters = plus
      let fPlus = value(at: input)
      layer.parameters = minus
      let fMinus = value(at: input)
      return Float((fPlus - fMinus) / Double(2 * step))
    }
  }
}

/// The largest `|a − b| / max(1, |b|)`.
func worstRelativeError(_ a: [Float], _ b: [Float]) -> Float {
  precondition(a.count == b.count)
  return zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
}

/// Uniform values in `[-1, 1)` from a seeded stream.
func randomValues(_ count: Int, seed: UInt64) -> [Float] {
  var rng = SplitMix64(seed: seed)
  return (0..<count).map { _ in 2 * rng.nextUnit() - 1 }
}
