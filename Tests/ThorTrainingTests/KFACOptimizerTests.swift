import Testing
import ThorLinalg

@testable import ThorTraining

/// One K-FAC/THOR step against the closed form of Eq. 6 computed here in
/// Double with LU inverses, and THOR_NT without splits against K-FAC.
@Suite("K-FAC and THOR updates")
struct KFACOptimizerTests {
  static func network(seed: UInt64) -> Network {
    let fc1 = Dense(name: "fc1", inputSize: 5, outputSize: 4)
    let fc2 = Dense(name: "fc2", inputSize: 4, outputSize: 3)
    fc1.parameters = Matrix(
      rows: 4, columns: 6, columnMajor: randomValues(24, seed: seed))
    fc2.parameters = Matrix(
      rows: 3, columns: 5, columnMajor: randomValues(15, seed: seed + 1))
    return Network(layers: [fc1, ReLU(name: "relu1", shape: .vector(4)), fc2])
  }

  static let batch = 6

  /// One training step on batch `k` (seeded inputs and labels).
  static func step(
    _ net: Network, _ optimizer: any Optimizer, step: Int, batch k: UInt64,
    lr: Float = 0.1, epoch: Int = 0
  ) throws {
    let x = randomValues(5 * batch, seed: 100 + k)
    let labels = (0..<batch).map { UInt8((Int(k) + $0) % 3) }
    optimizer.prepare(step: step, epoch: epoch, layers: net.trainableLayers)
    let loss = SoftmaxCrossEntropy()
    x.withUnsafeBufferPointer { x in
      labels.withUnsafeBufferPointer { y in
        let logits = net.forward(x.baseAddress!, count: batch)
        _ = loss.evaluate(
          logits: logits, classes: 3, labels: y.baseAddress!, count: batch,
          computeGradient: true)
        net.backward(loss.lastGradient, count: batch)
      }
    }
    try optimizer.update(
      layers: net.trainableLayers, step: step, epoch: epoch, learningRate: lr)
  }

  static func double(_ m: Matrix<Float>) -> Matrix<Double> {
    m.converted(to: Double.self)
  }

  /// `Σ columns x xᵀ / n` in Double, zeroed outside blocks of `split`.
  static func factor(_ x: Matrix<Float>, over n: Int, split: Int)
    -> Matrix<Double>
  {
    let d = double(x)
    return Matrix(rows: x.rows, columns: x.rows) { i, j in
      guard i / split == j / split else { return 0 }
      var s = 0.0
      for c in 0..<x.columns { s += d[i, c] * d[j, c] }
      return s / Double(n)
    }
  }

  /// `[W | b]` with the bias column (last) zeroed: what weight decay sees.
  static func weightsOnly(_ m: Matrix<Double>) -> Matrix<Double> {
    Matrix(rows: m.rows, columns: m.columns) { i, j in
      j == m.columns - 1 ? 0 : m[i, j]
    }
  }

  /// The expected first step (momentum buffer empty) of every layer.
  static func expectedFirstStep(
    _ net: Network, lr: Double, gamma: Double, split: Int,
    decay: Double = 0, decayBefore: Bool = false,
    scope: WeightDecayScope = .weightsOnly
  ) throws -> [Matrix<Double>] {
    try net.trainableLayers.map { layer in
      var a = factor(layer.factorInputs, over: batch, split: split)
      var g = factor(layer.factorOutputGradients, over: batch, split: split)
      a.addToDiagonal(gamma)
      g.addToDiagonal(gamma)
      let w = double(layer.parameters)
      let grad = double(layer.parameterGradient)
      let decayed = decay * (scope == .weightsOnly ? weightsOnly(w) : w)
      let d =
        decayBefore
        ? try g.luInverted() * (grad + decayed) * a.luInverted()
        : try g.luInverted() * grad * a.luInverted() + decayed
      return Matrix(rows: w.rows, columns: w.columns) { i, j in
        w[i, j] - lr * d[i, j]
      }
    }
  }

  @Test(arguments: [Int.max, 2, 3])
  func firstStepIsEquation6(split: Int) throws {
    var c = SecondOrderVariant.thorNT.configuration
    c.damping = DampingSchedule(initial: 0.04)
    c.inverseInterval = IntervalSchedule(fixed: 1)
    c.splits = [
      "fc1": FactorSplits(a: split, g: split),
      "fc2": FactorSplits(a: split, g: split),
    ]
    let optimizer = KFACOptimizer(configuration: c)
    let net = Self.network(seed: 1)
    let probe = Self.network(seed: 1)
    // Run the probe's pass to read its statistics before the step.
    let expected: [Matrix<Double>]
    do {
      let record = KFACOptimizer(configuration: c)
      try Self.step(probe, record, step: 0, batch: 0, lr: 0)
      expected = try Self.expectedFirstStep(
        probe, lr: 0.1, gamma: 0.2, split: split)
    }
    try Self.step(net, optimizer, step: 0, batch: 0)
    for (layer, e) in zip(net.trainableLayers, expected) {
      #expect(Self.double(layer.parameters).maxAbsDifference(to: e) < 1e-5)
    }
  }

  /// Weight decay is added to the preconditioned direction by default,
  /// or to the gradient before preconditioning when asked; to the weights
  /// by default, to the biases too when asked.
  @Test(arguments: [false, true], WeightDecayScope.allCases)
  func weightDecayPlacement(before: Bool, scope: WeightDecayScope) throws {
    var c = SecondOrderVariant.thorNT.configuration
    c.damping = DampingSchedule(initial: 0.04)
    c.inverseInterval = IntervalSchedule(fixed: 1)
    c.weightDecay = 0.05
    c.decayBeforePreconditioning = before
    c.decayScope = scope
    let net = Self.network(seed: 4)
    let probe = Self.network(seed: 4)
    try Self.step(
      probe, KFACOptimizer(configuration: c), step: 0, batch: 0,
      lr: 0)
    let expected = try Self.expectedFirstStep(
      probe, lr: 0.1, gamma: 0.2, split: .max, decay: 0.05,
      decayBefore: before, scope: scope)
    let other = try Self.expectedFirstStep(
      probe, lr: 0.1, gamma: 0.2, split: .max, decay: 0.05,
      decayBefore: !before, scope: scope)
    let otherScope = try Self.expectedFirstStep(
      probe, lr: 0.1, gamma: 0.2, split: .max, decay: 0.05,
      decayBefore: before,
      scope: scope == .weightsOnly ? .weightsAndBiases : .weightsOnly)
    try Self.step(net, KFACOptimizer(configuration: c), step: 0, batch: 0)
    for (k, layer) in net.trainableLayers.enumerated() {
      let got = Self.double(layer.parameters)
      #expect(got.maxAbsDifference(to: expected[k]) < 1e-5)
      // The two placements differ by far more than the tolerance.
      #expect(got.maxAbsDifference(to: other[k]) > 1e-3)
      // Decaying the biases or not is visible too.
      #expect(got.maxAbsDifference(to: otherScope[k]) > 1e-4)
    }
  }

  /// The log's per-layer record: the freeze step with the Δ that froze it
  /// (the same batch twice at lr 0: identical factors, Δ = 0 < ω₂), and
  /// the splits in force (absent when a factor is whole).
  @Test func freezeEventAndSplitsAreRecorded() throws {
    var c = SecondOrderVariant.thorStop.configuration
    c.inverseInterval = IntervalSchedule(fixed: 1)
    c.splits = ["fc1": FactorSplits(a: 2, g: 100)]
    let optimizer = KFACOptimizer(configuration: c)
    let net = Self.network(seed: 5)
    try Self.step(net, optimizer, step: 0, batch: 0, lr: 0)
    try Self.step(net, optimizer, step: 1, batch: 0, lr: 0)
    let layers = optimizer.takeEpochStatistics().layers
    let fc1 = try #require(layers["fc1"])
    let fc2 = try #require(layers["fc2"])
    #expect(fc1.updated == 1 && fc1.frozen == 1)
    #expect(fc1.freezeStep == 1 && fc1.freezeChange == 0)
    #expect(fc1.splitA == 2 && fc1.splitG == nil)
    #expect(fc2.splitA == nil && fc2.splitG == nil)
    // The next epoch's record keeps the splits, not the freeze event.
    try Self.step(net, optimizer, step: 2, batch: 1, lr: 0)
    let later = try #require(optimizer.takeEpochStatistics().layers["fc1"])
    #expect(later.freezeStep == nil && later.frozen == 1 && later.splitA == 2)
  }

  @Test func thorWithoutRuleOrSplitEqualsKFAC() throws {
    var kfac = SecondOrderVariant.kfac.configuration
    kfac.inverseInterval = IntervalSchedule(fixed: 1)
    kfac.factorInterval = 1
    var thor = SecondOrderVariant.thorNT.configuration
    thor.inverseInterval = IntervalSchedule(fixed: 1)
    thor.splits = [
      "fc1": FactorSplits(a: 6, g: 4),
      "fc2": FactorSplits(a: 9, g: 3),
    ]
    let a = Self.network(seed: 7)
    let b = Self.network(seed: 7)
    let ka = KFACOptimizer(configuration: kfac)
    let tb = KFACOptimizer(configuration: thor)
    for k in 0..<2 {
      try Self.step(a, ka, step: k, batch: UInt64(k))
      try Self.step(b, tb, step: k, batch: UInt64(k))
      for (x, y) in zip(a.trainableLayers, b.trainableLayers) {
        #expect(x.parameters.maxAbsDifference(to: y.parameters) == 0)
      }
    }
    let changed = Self.network(seed: 7).trainableLayers[0].parameters
      .maxAbsDifference(to: a.trainableLayers[0].parameters)
    #expect(changed > 1e-3)
    #expect(ka.takeEpochStatistics().layers["fc1"]?.updated == 2)
  }

  @Test func growingIntervalUpdatesInversesOnSchedule() throws {
    var c = SecondOrderVariant.thor.configuration
    c.inverseInterval = try IntervalSchedule(parsing: "3")
    let optimizer = KFACOptimizer(configuration: c)
    let net = Self.network(seed: 3)
    var recorded: [Int] = []
    for k in 0..<7 {
      optimizer.prepare(step: k, epoch: 0, layers: net.trainableLayers)
      if net.trainableLayers[0].recordsFactorStatistics { recorded.append(k) }
      try Self.step(net, optimizer, step: k, batch: UInt64(k))
    }
    #expect(recorded == [0, 3, 6])
    let fc1 = optimizer.takeEpochStatistics().layers["fc1"]!
    #expect(fc1.updated + fc1.skipped + fc1.frozen == 3)
  }

  @Test func indefiniteFactorGetsJitterAndANote() throws {
    var c = SecondOrderVariant.kfac.configuration
    c.damping = DampingSchedule(initial: 0.01)
    c.dampingForm = .lambda
    let optimizer = KFACOptimizer(configuration: c)
    let net = Self.network(seed: 5)
    try Self.step(net, optimizer, step: 0, batch: 0)
    _ = optimizer.takeEpochStatistics()
    // A = −I: fails Cholesky until the jitter exceeds 1 − λ.
    let state = optimizer.curvature[0]
    state.factors.upperA = Matrix(rows: 6, columns: 6) { i, j in
      i == j ? -1 : 0
    }
    try optimizer.updateInverses(step: 1)
    #expect(state.jitterA > 0.99)
    let notes = optimizer.takeEpochStatistics().notes
    #expect(notes.contains { $0.hasPrefix("fc1.A: Cholesky failed") })
    // The inverse is (−1 + λ + jitter)⁻¹·I.
    let expected = 1 / (-1 + 0.01 + state.jitterA)
    let inverse = state.inverseA!.block(0)
    #expect(abs(inverse[0, 0] - expected) < 1e-4 * expected)
  }
}
