import Testing
import ThorLinalg

@testable import ThorTraining

/// K-FAC factors of small batches against explicit sums of outer products
/// in Double, with patches built here by direct indexing.
@Suite("Kronecker factor statistics")
struct FactorStatisticsTests {
  /// `Σ_columns v vᵀ · scale` of column vectors, in Double.
  static func outerSum(_ vectors: [[Double]], scale: Double) -> [[Double]] {
    let d = vectors[0].count
    var s = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
    for v in vectors {
      for i in 0..<d { for j in 0..<d { s[i][j] += v[i] * v[j] * scale } }
    }
    return s
  }

  static func worst(_ m: Matrix<Float>, _ e: [[Double]]) -> Double {
    var w = 0.0
    for i in 0..<m.rows {
      for j in 0..<m.columns {
        w = max(w, abs(Double(m[i, j]) - e[i][j]) / max(1, abs(e[i][j])))
      }
    }
    return w
  }

  /// Runs a training pass with recording on; returns the output gradient
  /// fed in (columns of `outputs` values each).
  static func pass(
    _ layer: any Layer & KroneckerFactoredLayer, input: [Float], count: Int,
    seed: UInt64
  ) -> [Float] {
    layer.recordsFactorStatistics = true
    let outputs = layer.outputShape.count * count
    let g = randomValues(outputs, seed: seed)
    input.withUnsafeBufferPointer {
      _ = layer.forward($0.baseAddress!, count: count)
    }
    g.withUnsafeBufferPointer {
      _ = layer.backward(
        $0.baseAddress!, count: count, needsInputGradient: false)
    }
    return g
  }

  @Test func denseFactorsMatchOuterProducts() {
    let layer = Dense(name: "fc1", inputSize: 4, outputSize: 3)
    let n = 5
    let x = randomValues(4 * n, seed: 11)
    let g = Self.pass(layer, input: x, count: n, seed: 12)
    var factors = KroneckerFactors(for: layer)
    factors.accumulate(from: layer, decay: 0.9)
    let a = (0..<n).map { s in (0..<4).map { Double(x[s * 4 + $0]) } + [1] }
    let gs = (0..<n).map { s in (0..<3).map { Double(g[s * 3 + $0]) } }
    let expectedA = Self.outerSum(a, scale: 0.2)
    let expectedG = Self.outerSum(gs, scale: 0.2)
    #expect(Self.worst(factors.symmetricA, expectedA) < 1e-5)
    #expect(Self.worst(factors.symmetricG, expectedG) < 1e-5)
  }

  /// Patches of a 1-sample-at-a-time direct convolution layout: rows in
  /// (ky, kx, channel) order, a trailing 1; zeros in the padding.
  static func patches(
    _ x: [Float], shape: FeatureShape, kernel k: Int, padding p: Int,
    count: Int
  ) -> [[Double]] {
    let outH = shape.height + 2 * p - k + 1
    let outW = shape.width + 2 * p - k + 1
    var result: [[Double]] = []
    for n in 0..<count {
      for y in 0..<outH {
        for xx in 0..<outW {
          var v: [Double] = []
          for ky in 0..<k {
            for kx in 0..<k {
              for c in 0..<shape.channels {
                let iy = y + ky - p
                let ix = xx + kx - p
                let inside =
                  iy >= 0 && iy < shape.height && ix >= 0
                  && ix < shape.width
                v.append(
                  inside
                    ? Double(
                      x[
                        n * shape.count
                          + (iy * shape.width + ix) * shape.channels + c]) : 0)
              }
            }
          }
          result.append(v + [1])
        }
      }
    }
    return result
  }

  @Test func convolutionFactorsAverageOverPositionsAndSumGradients() {
    let shape = FeatureShape(height: 4, width: 3, channels: 2)
    let layer = Convolution(
      name: "conv1", input: shape, outputChannels: 3, kernelSize: 3,
      padding: 1)
    let n = 2
    let positions = 12
    let x = randomValues(shape.count * n, seed: 21)
    let g = Self.pass(layer, input: x, count: n, seed: 22)
    var factors = KroneckerFactors(for: layer)
    factors.accumulate(from: layer, decay: 0.5)
    let a = Self.patches(x, shape: shape, kernel: 3, padding: 1, count: n)
    #expect(a.count == n * positions)
    let gs = (0..<n * positions).map { j in
      (0..<3).map { Double(g[j * 3 + $0]) }
    }
    let expectedA = Self.outerSum(a, scale: 1 / Double(n * positions))
    let expectedG = Self.outerSum(gs, scale: 1 / Double(n))
    #expect(Self.worst(factors.symmetricA, expectedA) < 1e-5)
    #expect(Self.worst(factors.symmetricG, expectedG) < 1e-5)
  }

  /// `sampleLimit` applies to convolutions only: `A` from the first
  /// samples' patches (all their positions), `G` from the whole batch.
  @Test func convolutionSampleLimitTakesTheFirstSamples() {
    let shape = FeatureShape(height: 4, width: 3, channels: 2)
    let layer = Convolution(
      name: "conv1", input: shape, outputChannels: 3, kernelSize: 3,
      padding: 1)
    let n = 3
    let positions = 12
    let x = randomValues(shape.count * n, seed: 51)
    let g = Self.pass(layer, input: x, count: n, seed: 52)
    var factors = KroneckerFactors(for: layer)
    factors.accumulate(from: layer, decay: 0.5, sampleLimit: 1)
    let a = Self.patches(x, shape: shape, kernel: 3, padding: 1, count: 1)
    let gs = (0..<n * positions).map { j in
      (0..<3).map { Double(g[j * 3 + $0]) }
    }
    #expect(
      Self.worst(
        factors.symmetricA, Self.outerSum(a, scale: 1 / Double(positions)))
        < 1e-5)
    #expect(
      Self.worst(
        factors.symmetricG, Self.outerSum(gs, scale: 1 / Double(n))) < 1e-5)
  }

  /// A dense layer ignores `sampleLimit`: its `A` (`d_A` up to thousands)
  /// needs every sample of the batch, or its rank is at most the limit.
  @Test func runningAverageAndDenseLayersIgnoreTheSampleLimit() {
    let layer = Dense(name: "fc", inputSize: 3, outputSize: 2)
    let n = 4
    var factors = KroneckerFactors(for: layer)
    let x1 = randomValues(3 * n, seed: 31)
    let g1 = Self.pass(layer, input: x1, count: n, seed: 32)
    factors.accumulate(from: layer, decay: 0.75, sampleLimit: 2)
    let x2 = randomValues(3 * n, seed: 33)
    let g2 = Self.pass(layer, input: x2, count: n, seed: 34)
    factors.accumulate(from: layer, decay: 0.75, sampleLimit: 2)
    func inputs(_ x: [Float], _ samples: Int) -> [[Double]] {
      (0..<samples).map { s in (0..<3).map { Double(x[s * 3 + $0]) } + [1] }
    }
    func grads(_ g: [Float]) -> [[Double]] {
      (0..<n).map { s in (0..<2).map { Double(g[s * 2 + $0]) } }
    }
    // A and G from all 4 samples (the limit of 2 is for convolutions).
    let a1 = Self.outerSum(inputs(x1, 4), scale: 0.25)
    let a2 = Self.outerSum(inputs(x2, 4), scale: 0.25)
    let g1s = Self.outerSum(grads(g1), scale: 0.25)
    let g2s = Self.outerSum(grads(g2), scale: 0.25)
    let mixA = (0..<4).map { i in
      (0..<4).map { j in 0.75 * a1[i][j] + 0.25 * a2[i][j] }
    }
    let mixG = (0..<2).map { i in
      (0..<2).map { j in 0.75 * g1s[i][j] + 0.25 * g2s[i][j] }
    }
    #expect(factors.estimateCount == 2)
    #expect(Self.worst(factors.symmetricA, mixA) < 1e-5)
    #expect(Self.worst(factors.symmetricG, mixG) < 1e-5)
    #expect(
      abs(factors.traceA - (0..<4).map { mixA[$0][$0] }.reduce(0, +))
        < 1e-5)
  }

  @Test func nothingRecordedLeavesFactorsEmpty() {
    let layer = Dense(name: "fc", inputSize: 2, outputSize: 2)
    let x = randomValues(4, seed: 41)
    _ = Self.pass(layer, input: x, count: 2, seed: 42)
    layer.recordsFactorStatistics = false
    let g = randomValues(4, seed: 43)
    x.withUnsafeBufferPointer { _ = layer.forward($0.baseAddress!, count: 2) }
    g.withUnsafeBufferPointer {
      _ = layer.backward($0.baseAddress!, count: 2, needsInputGradient: false)
    }
    var factors = KroneckerFactors(for: layer)
    factors.accumulate(from: layer, decay: 0.9)
    #expect(factors.estimateCount == 0)
    #expect(factors.traceA == 0 && factors.traceG == 0)
  }
}
