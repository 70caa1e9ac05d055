import ThorLinalg

/// Max-pooling over non-overlapping 2×2 windows (stride 2); odd trailing
/// rows and columns are dropped. The gradient goes to the first maximum of
/// each window. Samples are split over workers (``BatchParallel``).
public final class MaxPool: Layer {
  public let name: String
  public let inputShape: FeatureShape
  public let outputShape: FeatureShape

  private let output = ScratchBuffer()
  private let inputGradient = ScratchBuffer()
  private var lastInput: UnsafePointer<Float>?

  public init(name: String, shape: FeatureShape) {
    precondition(shape.height >= 2 && shape.width >= 2, "image too small")
    self.name = name
    inputShape = shape
    outputShape = FeatureShape(
      height: shape.height / 2, width: shape.width / 2,
      channels: shape.channels)
  }

  public func forward(_ input: UnsafePointer<Float>, count: Int)
    -> UnsafePointer<Float>
  {
    let c = inputShape.channels, rowStride = inputShape.width * c
    let y = output.reserve(outputShape.count * count)
    BatchParallel.split(count, grain: 1) { _, samples in
      var out = y + samples.lowerBound * outputShape.count
      for n in samples {
        let sample = input + n * inputShape.count
        for oy in 0..<outputShape.height {
          for ox in 0..<outputShape.width {
            let a = sample + (2 * oy) * rowStride + 2 * ox * c
            let b = a + c, d = a + rowStride, e = d + c
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

  public func backward(
    _ outputGradient: UnsafePointer<Float>, count: Int,
    needsInputGradient: Bool
  ) -> UnsafePointer<Float>? {
    guard needsInputGradient, let input = lastInput else { return nil }
    let c = inputShape.channels, rowStride = inputShape.width * c
    let dx = inputGradient.reserve(inputShape.count * count)
    let y = UnsafePointer(output.pointer)
    BatchParallel.split(count, grain: 1) { _, samples in
      let first = samples.lowerBound * inputShape.count
      (dx + first).update(
        repeating: 0, count: samples.count * inputShape.count)
      var index = samples.lowerBound * outputShape.count
      for n in samples {
        let offset = n * inputShape.count
        for oy in 0..<outputShape.height {
          for ox in 0..<outputShape.width {
            let base = offset + (2 * oy) * rowStride + 2 * ox * c
            for k in 0..<c {
              let m = y[index + k], g = outputGradient[index + k]
              var at = base + k
              if input[at] != m {
                at += c
                if input[at] != m {
                  at = base + rowStride + k
                  if input[at] != m { at += c }
                }
              }
              dx[at] = g
            }
            index += c
          }
        }
      }
    }
    return UnsafePointer(dx)
  }
}
