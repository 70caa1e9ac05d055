import ThorLinalg

/// A fully connected layer `s = W·a + b`, computed as one `gemm` with the
/// bias folded in: `s = [W | b]·[a; 1]`.
public final class Dense: Layer, KroneckerFactoredLayer {
  public let name: String
  public let inputShape: FeatureShape
  public let outputShape: FeatureShape
  public var parameters: Matrix<Float>
  public private(set) var parameterGradient: Matrix<Float>
  public var recordsFactorStatistics = false
  public private(set) var batchSize = 0

  /// Inputs with a row of ones appended: (d_in + 1) × count.
  private let augmentedInput = ScratchBuffer()
  private let inputGradient = ScratchBuffer()
  private let kernel = AffineKernel()

  /// Creates a layer with zero parameters (see ``Initializer``).
  public init(name: String, inputSize: Int, outputSize: Int) {
    precondition(inputSize > 0 && outputSize > 0, "empty dense layer")
    self.name = name
    inputShape = .vector(inputSize)
    outputShape = .vector(outputSize)
    parameters = Matrix(rows: outputSize, columns: inputSize + 1)
    parameterGradient = Matrix(rows: outputSize, columns: inputSize + 1)
  }

  public var outputDimension: Int { outputShape.count }
  public var inputDimension: Int { inputShape.count + 1 }

  public func forward(_ input: UnsafePointer<Float>, count: Int)
    -> UnsafePointer<Float>
  {
    let dIn = inputShape.count, rows = dIn + 1
    let a = augmentedInput.reserve(rows * count)
    for j in 0..<count {
      (a + j * rows).update(from: input + j * dIn, count: dIn)
      a[j * rows + dIn] = 1
    }
    batchSize = count
    return kernel.forward(parameters, a, columns: count)
  }

  public func backward(
    _ outputGradient: UnsafePointer<Float>, count: Int,
    needsInputGradient: Bool
  ) -> UnsafePointer<Float>? {
    kernel.backward(
      outputGradient, augmentedInput.pointer, columns: count, samples: count,
      record: recordsFactorStatistics, gradient: &parameterGradient)
    guard needsInputGradient else { return nil }
    let dx = inputGradient.reserve(inputShape.count * count)
    kernel.inputGradient(parameters, outputGradient, columns: count, into: dx)
    return UnsafePointer(dx)
  }

  public func withFactorInputs<R>(
    _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
  ) rethrows -> R {
    try lend(
      augmentedInput.pointer, rows: inputDimension, columns: batchSize, body)
  }

  public func withFactorOutputGradients<R>(
    _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
  ) rethrows -> R {
    try kernel.withRecorded(rows: outputDimension, body)
  }
}
