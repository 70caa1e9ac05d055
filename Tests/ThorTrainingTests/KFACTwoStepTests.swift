import Testing
import ThorLinalg

@testable import ThorTraining

/// Two K-FAC steps against a hand computation in Double: the inverses from
/// step 0's factors (the interval keeps them), momentum `v ← μv + ν·d`,
/// weight decay after preconditioning and KL clipping
/// `ν = min(1, √(κ / (α² Σ⟨F⁻¹∇, ∇⟩)))`.
@Suite("K-FAC over two steps") struct KFACTwoStepTests {
  static let lr = 0.1, mu = 0.9, decay = 0.01, gamma = 0.2

  /// The configuration: damping 0.04 (γ = 0.2), inverses only at step 0.
  static func configuration(klClip: Double?) -> KFACConfiguration {
    var c = SecondOrderVariant.kfac.configuration
    c.damping = DampingSchedule(initial: 0.04)
    c.inverseInterval = IntervalSchedule(fixed: 100)
    c.weightDecay = Float(decay)
    c.klClip = klClip
    return c
  }

  /// The gradient of batch `k` at `parameters` (a fresh network and a
  /// step at lr 0 compute it), per layer, with the factors of that pass.
  static func pass(_ parameters: [Matrix<Double>], batch k: UInt64) throws
    -> (gradients: [Matrix<Double>], a: [Matrix<Double>], g: [Matrix<Double>])
  {
    let net = KFACOptimizerTests.network(seed: 11)
    for (layer, p) in zip(net.trainableLayers, parameters) {
      layer.parameters = p.converted(to: Float.self)
    }
    try KFACOptimizerTests.step(
      net, KFACOptimizer(configuration: configuration(klClip: nil)),
      step: 0, batch: k, lr: 0)
    let n = KFACOptimizerTests.batch
    return (
      net.trainableLayers.map {
        KFACOptimizerTests.double($0.parameterGradient)
      },
      net.trainableLayers.map {
        KFACOptimizerTests.factor($0.factorInputs, over: n, split: .max)
      },
      net.trainableLayers.map {
        KFACOptimizerTests.factor(
          $0.factorOutputGradients, over: n, split: .max)
      }
    )
  }

  static func dot(_ x: Matrix<Double>, _ y: Matrix<Double>) -> Double {
    x.withUnsafeElements { a in
      y.withUnsafeElements { b in zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    }
  }

  @Test(arguments: [nil, 0.0005])
  func twoStepsByHand(klClip: Double?) throws {
    let net = KFACOptimizerTests.network(seed: 11)
    let optimizer = KFACOptimizer(
      configuration: Self.configuration(klClip: klClip))
    var w = net.trainableLayers.map { KFACOptimizerTests.double($0.parameters) }
    for s in 0..<2 {
      try KFACOptimizerTests.step(
        net, optimizer, step: s, batch: UInt64(s), lr: Float(Self.lr))
    }
    // By hand.
    let first = try Self.pass(w, batch: 0)
    let inverseA = try first.a.map { a in
      var m = a
      m.addToDiagonal(Self.gamma)
      return try m.luInverted()
    }
    let inverseG = try first.g.map { g in
      var m = g
      m.addToDiagonal(Self.gamma)
      return try m.luInverted()
    }
    var v = w.map { Matrix<Double>(rows: $0.rows, columns: $0.columns) }
    var scales: [Double] = []
    for s in 0..<2 {
      let gradients =
        s == 0
        ? first.gradients
        : try Self.pass(w, batch: 1)
          .gradients
      let preconditioned = gradients.indices.map {
        inverseG[$0] * gradients[$0] * inverseA[$0]
      }
      var scale = 1.0
      if let kappa = klClip {
        let progress = gradients.indices.reduce(0) {
          $0 + Self.dot(preconditioned[$1], gradients[$1])
        }
        scale = min(1, (kappa / (Self.lr * Self.lr * progress)).squareRoot())
      }
      scales.append(scale)
      for k in w.indices {
        let d =
          preconditioned[k]
          + Self.decay * KFACOptimizerTests.weightsOnly(w[k])
        v[k] = Self.mu * v[k] + scale * d
        w[k] = w[k] - Self.lr * v[k]
      }
    }
    if klClip != nil { #expect(scales.contains { $0 < 0.99 }) }
    for (layer, expected) in zip(net.trainableLayers, w) {
      #expect(
        KFACOptimizerTests.double(layer.parameters)
          .maxAbsDifference(to: expected) < 1e-5)
    }
  }
}
