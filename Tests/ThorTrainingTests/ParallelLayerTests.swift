import Testing
import ThorLinalg

@testable import ThorTraining

/// Layers split over 1–3 workers, in chunks with remainders, against
/// direct loops in Double (a convolution summed tap by tap, no im2col).
/// Thread counts are set just before each call; another suite may change
/// them meanwhile, which changes the path taken but not what is expected.
@Suite("Layers split over workers")
struct ParallelLayerTests {
  static let shape = FeatureShape(height: 5, width: 4, channels: 2)

  /// Direct convolution outputs (C_out × N·H·W) of `x`, in Double.
  static func convolve(
    _ layer: Convolution, _ x: [Float], count: Int
  ) -> [Double] {
    let s = layer.inputShape
    let o = layer.outputShape
    let k = layer.kernelSize
    let w = layer.parameters
    let bias = w.columns - 1
    var y = [Double](repeating: 0, count: o.count * count)
    for n in 0..<count {
      for oy in 0..<o.height {
        for ox in 0..<o.width {
          for co in 0..<o.channels {
            var sum = Double(w[co, bias])
            forEachTap(layer, oy, ox) { ky, kx, iy, ix in
              for ci in 0..<s.channels {
                let at = n * s.count + (iy * s.width + ix) * s.channels + ci
                let input = x[at]
                sum +=
                  Double(w[co, (ky * k + kx) * s.channels + ci])
                  * Double(input)
              }
            }
            y[n * o.count + (oy * o.width + ox) * o.channels + co] = sum
          }
        }
      }
    }
    return y
  }

  /// The kernel taps of output (oy, ox) that fall inside the image.
  static func forEachTap(
    _ layer: Convolution, _ oy: Int, _ ox: Int,
    _ body: (Int, Int, Int, Int) -> Void
  ) {
    let s = layer.inputShape
    let k = layer.kernelSize
    let p = layer.padding
    for ky in 0..<k {
      for kx in 0..<k {
        let iy = oy + ky - p
        let ix = ox + kx - p
        if iy >= 0 && iy < s.height && ix >= 0 && ix < s.width {
          body(ky, kx, iy, ix)
        }
      }
    }
  }

  /// `(∂L/∂x, ∂L/∂[W | b])` for output gradient `g` of the summed loss,
  /// the parameter gradient being the mean loss's, by direct loops.
  static func convolutionGradients(
    _ layer: Convolution, _ x: [Float], _ g: [Float], count: Int
  ) -> (input: [Double], parameters: [Double]) {
    let s = layer.inputShape
    let o = layer.outputShape
    let k = layer.kernelSize
    let w = layer.parameters
    let bias = w.columns - 1
    var dx = [Double](repeating: 0, count: s.count * count)
    var dp = [Double](repeating: 0, count: w.rows * w.columns)
    for n in 0..<count {
      for oy in 0..<o.height {
        for ox in 0..<o.width {
          for co in 0..<o.channels {
            let d = Double(
              g[n * o.count + (oy * o.width + ox) * o.channels + co])
            dp[bias * w.rows + co] += d / Double(count)
            forEachTap(layer, oy, ox) { ky, kx, iy, ix in
              for ci in 0..<s.channels {
                let at = n * s.count + (iy * s.width + ix) * s.channels + ci
                let column = (ky * k + kx) * s.channels + ci
                dp[column * w.rows + co] += d * Double(x[at]) / Double(count)
                dx[at] += d * Double(w[co, column])
              }
            }
          }
        }
      }
    }
    return (dx, dp)
  }

  static func worst(_ a: UnsafePointer<Float>, _ b: [Double]) -> Double {
    b.indices.map { abs(Double(a[$0]) - b[$0]) / max(1, abs(b[$0])) }
      .max() ?? 0
  }

  static func makeConvolution(padding: Int) -> Convolution {
    let layer = Convolution(
      name: "conv1", input: shape, outputChannels: 3, kernelSize: 3,
      padding: padding)
    let columns = layer.inputDimension
    layer.parameters = Matrix(
      rows: 3, columns: columns,
      columnMajor: randomValues(3 * columns, seed: 21))
    return layer
  }

  /// Counts 1, 7 and 8 with chunks of 1–3 samples (remainders and a
  /// single chunk), padding 0 and 1, kept patches or regathered ones.
  @Test(
    arguments: [1, 2, 3], [(1, 1, 0), (7, 2, 1), (7, 3, 0), (8, 3, 1)])
  func convolutionMatchesDirectLoops(
    threads: Int, shape: (count: Int, chunk: Int, padding: Int)
  ) {
    let savedThreads = OpenBLAS.threads
    defer { OpenBLAS.setThreads(savedThreads) }
    for record in [false, true] {
      let layer = Self.makeConvolution(padding: shape.padding)
      let count = shape.count
      let positions = layer.positions
      layer.chunkColumns = shape.chunk * positions
      layer.recordsFactorStatistics = record
      let x = randomValues(Self.shape.count * count, seed: 22)
      let g = randomValues(layer.outputShape.count * count, seed: 23)
      let y = Self.convolve(layer, x, count: count)
      let expected = Self.convolutionGradients(layer, x, g, count: count)
      x.withUnsafeBufferPointer { x in
        OpenBLAS.setThreads(threads)
        let out = layer.forward(x.baseAddress!, count: count)
        #expect(Self.worst(out, y) < 1e-5)
      }
      g.withUnsafeBufferPointer { g in
        OpenBLAS.setThreads(threads)
        let dx = layer.backward(
          g.baseAddress!, count: count, needsInputGradient: true)!
        #expect(Self.worst(dx, expected.input) < 1e-5)
      }
      layer.parameterGradient.withUnsafeElements {
        #expect(Self.worst($0.baseAddress!, expected.parameters) < 1e-5)
      }
      let kept = layer.withFactorInputs { $2 }
      #expect(kept == (record ? count * positions : 0))
      #expect(layer.withFactorOutputGradients { $2 } == kept)
    }
  }

  /// Several gradient groups (20 samples in chunks of one: groups of 8,
  /// 8 and 4): the parameter gradient is the same to the bit whatever the
  /// worker count, and matches the direct loops.
  @Test func gradientGroupsDoNotDependOnTheWorkers() {
    let savedThreads = OpenBLAS.threads
    defer { OpenBLAS.setThreads(savedThreads) }
    let count = 20
    let x = randomValues(Self.shape.count * count, seed: 26)
    let g = randomValues(
      Self.makeConvolution(padding: 1).outputShape.count * count, seed: 27)
    var gradients: [[Float]] = []
    for threads in [1, 2, 3] {
      let layer = Self.makeConvolution(padding: 1)
      layer.chunkColumns = layer.positions
      #expect(layer.groupSize == 8)
      x.withUnsafeBufferPointer { x in
        g.withUnsafeBufferPointer { g in
          OpenBLAS.setThreads(threads)
          _ = layer.forward(x.baseAddress!, count: count)
          OpenBLAS.setThreads(threads)
          _ = layer.backward(
            g.baseAddress!, count: count, needsInputGradient: true)
        }
      }
      gradients.append(layer.parameterGradient.withUnsafeElements(Array.init))
      if threads == 1 {
        let expected = Self.convolutionGradients(layer, x, g, count: count)
        gradients[0].withUnsafeBufferPointer {
          #expect(Self.worst($0.baseAddress!, expected.parameters) < 1e-5)
        }
      }
    }
    #expect(gradients[1] == gradients[0])
    #expect(gradients[2] == gradients[0])
  }

  /// The first layer of a network returns no input gradient but still
  /// sums every worker's parameter gradient.
  @Test func convolutionWithoutInputGradient() {
    let savedThreads = OpenBLAS.threads
    defer { OpenBLAS.setThreads(savedThreads) }
    let layer = Self.makeConvolution(padding: 1)
    layer.chunkColumns = 2 * layer.positions
    let count = 5
    let x = randomValues(Self.shape.count * count, seed: 24)
    let g = randomValues(layer.outputShape.count * count, seed: 25)
    let expected = Self.convolutionGradients(layer, x, g, count: count)
    x.withUnsafeBufferPointer { x in
      g.withUnsafeBufferPointer { g in
        OpenBLAS.setThreads(2)
        _ = layer.forward(x.baseAddress!, count: count)
        OpenBLAS.setThreads(2)
        let dx = layer.backward(
          g.baseAddress!, count: count, needsInputGradient: false)
        #expect(dx == nil)
      }
    }
    layer.parameterGradient.withUnsafeElements {
      #expect(Self.worst($0.baseAddress!, expected.parameters) < 1e-5)
    }
  }

  @Test(arguments: [1, 2, 3], [1, 4, 9])
  func denseMatchesDirectLoops(threads: Int, count: Int) {
    let savedThreads = OpenBLAS.threads
    defer { OpenBLAS.setThreads(savedThreads) }
    let layer = Dense(name: "fc1", inputSize: 6, outputSize: 4)
    let w = Matrix<Float>(
      rows: 4, columns: 7, columnMajor: randomValues(28, seed: 31))
    layer.parameters = w
    let x = randomValues(6 * count, seed: 32)
    let g = randomValues(4 * count, seed: 33)
    var y = [Double](repeating: 0, count: 4 * count)
    var dx = [Double](repeating: 0, count: 6 * count)
    var dp = [Double](repeating: 0, count: 28)
    for n in 0..<count {
      for o in 0..<4 {
        y[n * 4 + o] = Double(w[o, 6])
        dp[6 * 4 + o] += Double(g[n * 4 + o]) / Double(count)
        for i in 0..<6 {
          y[n * 4 + o] += Double(w[o, i]) * Double(x[n * 6 + i])
          dp[i * 4 + o] +=
            Double(g[n * 4 + o]) * Double(x[n * 6 + i]) / Double(count)
          dx[n * 6 + i] += Double(w[o, i]) * Double(g[n * 4 + o])
        }
      }
    }
    x.withUnsafeBufferPointer { x in
      g.withUnsafeBufferPointer { g in
        OpenBLAS.setThreads(threads)
        let out = layer.forward(x.baseAddress!, count: count)
        #expect(Self.worst(out, y) < 1e-5)
        OpenBLAS.setThreads(threads)
        let d = layer.backward(
          g.baseAddress!, count: count, needsInputGradient: true)!
        #expect(Self.worst(d, dx) < 1e-5)
      }
    }
    layer.parameterGradient.withUnsafeElements {
      #expect(Self.worst($0.baseAddress!, dp) < 1e-5)
    }
  }

  /// Element-wise layers give the same bits over any number of workers.
  @Test func reluAndPoolingAreExactOverWorkers() {
    let savedThreads = OpenBLAS.threads
    defer { OpenBLAS.setThreads(savedThreads) }
    let shape = FeatureShape(height: 16, width: 16, channels: 8)
    let count = 33
    let n = shape.count * count
    let x = randomValues(n, seed: 41)
    let g = randomValues(n, seed: 42)
    func run(threads: Int) -> [[Float]] {
      let relu = ReLU(name: "relu1", shape: shape)
      let pool = MaxPool(name: "pool1", shape: shape)
      let half = pool.outputShape.count * count
      return x.withUnsafeBufferPointer { x in
        g.withUnsafeBufferPointer { g in
          OpenBLAS.setThreads(threads)
          let r = relu.forward(x.baseAddress!, count: count)
          OpenBLAS.setThreads(threads)
          let p = pool.forward(r, count: count)
          OpenBLAS.setThreads(threads)
          let dp = pool.backward(
            g.baseAddress!, count: count, needsInputGradient: true)!
          OpenBLAS.setThreads(threads)
          let dr = relu.backward(dp, count: count, needsInputGradient: true)!
          return [
            Array(UnsafeBufferPointer(start: r, count: n)),
            Array(UnsafeBufferPointer(start: p, count: half)),
            Array(UnsafeBufferPointer(start: dp, count: n)),
            Array(UnsafeBufferPointer(start: dr, count: n)),
          ]
        }
      }
    }
    let serial = run(threads: 1)
    #expect(run(threads: 2) == serial)
    #expect(run(threads: 3) == serial)
  }

  /// SGD's element-wise update gives the same bits over any number of
  /// workers (a layer large enough to be split).
  @Test func sgdStepIsExactOverWorkers() throws {
    let savedThreads = OpenBLAS.threads
    defer { OpenBLAS.setThreads(savedThreads) }
    func run(threads: Int) throws -> [Float] {
      let layer = Dense(name: "fc1", inputSize: 299, outputSize: 300)
      layer.parameters = Matrix(
        rows: 300, columns: 300, columnMajor: randomValues(90_000, seed: 51))
      let x = randomValues(299 * 3, seed: 52)
      let g = randomValues(300 * 3, seed: 53)
      let sgd = SGD(momentum: 0.9, nesterov: true, weightDecay: 0.01)
      for step in 0..<2 {
        x.withUnsafeBufferPointer {
          _ = layer.forward($0.baseAddress!, count: 3)
        }
        g.withUnsafeBufferPointer {
          _ = layer.backward(
            $0.baseAddress!, count: 3, needsInputGradient: false)
        }
        OpenBLAS.setThreads(threads)
        try sgd.update(
          layers: [layer], step: step, epoch: 0, learningRate: 0.1)
      }
      return layer.parameters.withUnsafeElements { Array($0) }
    }
    #expect(try run(threads: 2) == (try run(threads: 1)))
  }
}
