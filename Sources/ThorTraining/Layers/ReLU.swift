import ThorLinalg

/// The rectifier `max(0, x)`, element-wise, split over workers
/// (``BatchParallel``).
package final class ReLU: Layer {
  package let name: String
  package let inputShape: FeatureShape
  package var outputShape: FeatureShape { inputShape }

  private let output = ScratchBuffer()
  private let inputGradient = ScratchBuffer()

  package init(name: String, shape: FeatureShape) {
    self.name = name
    inputShape = shape
  }

  package func forward(_ input: UnsafePointer<Float>, count: Int)
    -> UnsafePointer<Float>
  {
    let n = inputShape.count * count
    let y = output.reserve(n)
    BatchParallel.split(n, grain: ElementWise.grain) { _, range in
      ElementWise.rectify(input, into: y, range: range)
    }
    return UnsafePointer(y)
  }

  /// Passes the gradient where the output was positive (0 at `x = 0`).
  package func backward(
    _ outputGradient: UnsafePointer<Float>, count: Int,
    needsInputGradient: Bool
  ) -> UnsafePointer<Float>? {
    guard needsInputGradient else { return nil }
    let n = inputShape.count * count
    let y = UnsafePointer(output.pointer)
    let dx = inputGradient.reserve(n)
    BatchParallel.split(n, grain: ElementWise.grain) { _, range in
      ElementWise.passWherePositive(outputGradient, y, into: dx, range: range)
    }
    return UnsafePointer(dx)
  }
}
