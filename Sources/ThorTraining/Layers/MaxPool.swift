import ThorLinalg

/// Max-pooling over non-overlapping 2×2 windows (stride 2); odd trailing
/// rows and columns are dropped. The gradient goes to the first maximum of
/// each window. Samples are split over workers (``BatchParallel``).
package final class MaxPool: Layer {
  package let name: String
  package let inputShape: FeatureShape
  package let outputShape: FeatureShape

  private let output = ScratchBuffer()
  private let inputGradient = ScratchBuffer()
  private var lastInput: UnsafePointer<Float>?

  package init(name: String, shape: FeatureShape) {
    precondition(shape.height >= 2 && shape.width >= 2, "image too small")
    self.name = name
    inputShape = shape
    outputShape = FeatureShape(
      height: shape.height / 2, width: shape.width / 2,
      channels: shape.channels)
  }

  package func forward(_ input: UnsafePointer<Float>, count: Int)
    -> UnsafePointer<Float>
  {
    let c = inputShape.channels
    let rowStride = inputShape.width * c
    let y = output.reserve(outputShape.count * count)
    BatchParallel.split(count, grain: 1) { _, samples in
      var out = y + samples.lowerBound * outputShape.count
      for n in samples {
        let sample = input + n * inputShape.count
        for oy in 0..<outputShape.height {
          for ox in 0..<outputShape.width {
            let a = sample + (2 * oy) * rowStride + 2 * ox * c
            let b = a + c
            let d = a + rowStride
            let e = d + c
            for k in 0..<c {
              out[k] = Swift.max(
                Swift.max(a[k], b[k]), Swift.max(d[k], e[k]))
            }
            out += c
          }
        }
      }
    }
    lastInput = input
    return UnsafePointer(y)
  }

  package func backward(
    _ outputGradient: UnsafePointer<Float>, count: Int,
    needsInputGradient: Bool
  ) -> UnsafePointer<Float>? {
    guard needsInputGradient, let input = lastInput else { return nil }
    let c = inputShape.channels
    let rowStride = inputShape.width * c
    let dx = inputGradient.reserve(inputShape.count * count)
    let y = UnsafePointer(output.pointer)
    // Odd trailing rows and columns get no gradient: zero them first.
    let odd = inputShape.height % 2 == 1 || inputShape.width % 2 == 1
    BatchParallel.split(count, grain: 1) { _, samples in
      if odd {
        (dx + samples.lowerBound * inputShape.count).update(
          repeating: 0, count: samples.count * inputShape.count)
      }
      var index = samples.lowerBound * outputShape.count
      for n in samples {
        let offset = n * inputShape.count
        for oy in 0..<outputShape.height {
          for ox in 0..<outputShape.width {
            let base = offset + (2 * oy) * rowStride + 2 * ox * c
            Self.routeWindow(
              input + base, y + index, outputGradient + index,
              into: dx + base, channels: c, rowStride: rowStride)
            index += c
          }
        }
      }
    }
    return UnsafePointer(dx)
  }

  private typealias Block = SIMD16<Float>

  /// Writes a window's four input gradients for `c` channels: the output
  /// gradient at the window's first maximum (in the order top-left,
  /// top-right, bottom-left, bottom-right), 0 at the other three;
  /// branch-free, 16 channels at a time.
  @inline(__always)
  private static func routeWindow(
    _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
    _ g: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>,
    channels c: Int, rowStride: Int
  ) {
    var k = 0
    while k + Block.scalarCount <= c {
      let m = UnsafeRawPointer(y + k).loadUnaligned(as: Block.self)
      let gradient = UnsafeRawPointer(g + k).loadUnaligned(as: Block.self)
      let zero = Block(repeating: 0)
      var taken = SIMDMask<Block.MaskStorage>(repeating: false)
      func route(_ corner: Int) {
        let v = UnsafeRawPointer(x + corner + k).loadUnaligned(as: Block.self)
        let first = (v .== m) .& .!taken
        taken = taken .| first
        UnsafeMutableRawPointer(dx + corner + k).storeBytes(
          of: zero.replacing(with: gradient, where: first), as: Block.self)
      }
      route(0)
      route(c)
      route(rowStride)
      route(rowStride + c)
      k += Block.scalarCount
    }
    while k < c {
      var taken = false
      func route(_ corner: Int) {
        let first = !taken && x[corner + k] == y[k]
        taken = taken || first
        dx[corner + k] = first ? g[k] : 0
      }
      route(0)
      route(c)
      route(rowStride)
      route(rowStride + c)
      k += 1
    }
  }
}
