import ThorLinalg

/// A 2-D convolution (stride 1, square kernel, zero padding, bias) computed
/// for the whole batch as one `gemm` on im2col patches:
/// `S = [W | b]·[patches; 1]`, `S` being `C_out × (N·H_out·W_out)`.
///
/// A patch lists its inputs in (kernel row, kernel column, channel) order,
/// channel fastest, so the weight matrix `W` is `C_out × (k·k·C_in)` in the
/// same order and ``factorInputs`` holds the patches with a row of ones.
public final class Convolution: Layer, KroneckerFactoredLayer {
  public let name: String
  public let inputShape: FeatureShape
  public let outputShape: FeatureShape
  /// Kernel height and width.
  public let kernelSize: Int
  /// Zero rows and columns added on each side.
  public let padding: Int
  public var parameters: Matrix<Float>
  public private(set) var parameterGradient: Matrix<Float>
  public var recordsFactorStatistics = false
  public private(set) var batchSize = 0

  /// Patches with a row of ones: (k·k·C_in + 1) × (count·positions).
  let patches = ScratchBuffer()
  private let patchGradient = ScratchBuffer()
  private let inputGradient = ScratchBuffer()
  private let kernel = AffineKernel()

  /// Creates a layer with zero parameters (see ``Initializer``).
  public init(
    name: String, input: FeatureShape, outputChannels: Int, kernelSize: Int,
    padding: Int
  ) {
    let h = input.height + 2 * padding - kernelSize + 1
    let w = input.width + 2 * padding - kernelSize + 1
    precondition(h > 0 && w > 0 && outputChannels > 0, "empty convolution")
    self.name = name
    inputShape = input
    outputShape = FeatureShape(height: h, width: w, channels: outputChannels)
    self.kernelSize = kernelSize
    self.padding = padding
    let columns = kernelSize * kernelSize * input.channels + 1
    parameters = Matrix(rows: outputChannels, columns: columns)
    parameterGradient = Matrix(rows: outputChannels, columns: columns)
  }

  public var outputDimension: Int { outputShape.channels }
  public var inputDimension: Int {
    kernelSize * kernelSize * inputShape.channels + 1
  }
  /// Output positions per sample.
  var positions: Int { outputShape.height * outputShape.width }

  public func forward(_ input: UnsafePointer<Float>, count: Int)
    -> UnsafePointer<Float>
  {
    let columns = count * positions
    let p = patches.reserve(inputDimension * columns)
    gatherPatches(from: input, count: count, into: p)
    batchSize = count
    return kernel.forward(parameters, p, columns: columns)
  }

  public func backward(
    _ outputGradient: UnsafePointer<Float>, count: Int,
    needsInputGradient: Bool
  ) -> UnsafePointer<Float>? {
    let columns = count * positions
    kernel.backward(
      outputGradient, patches.pointer, columns: columns, samples: count,
      record: recordsFactorStatistics, gradient: &parameterGradient)
    guard needsInputGradient else { return nil }
    let dp = patchGradient.reserve((inputDimension - 1) * columns)
    kernel.inputGradient(
      parameters, outputGradient, columns: columns, into: dp)
    let dx = inputGradient.reserve(inputShape.count * count)
    scatterPatchGradients(dp, count: count, into: dx)
    return UnsafePointer(dx)
  }

  public func withFactorInputs<R>(
    _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
  ) rethrows -> R {
    try lend(
      patches.pointer, rows: inputDimension, columns: batchSize * positions,
      body)
  }

  public func withFactorOutputGradients<R>(
    _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
  ) rethrows -> R {
    try kernel.withRecorded(rows: outputDimension, body)
  }
}
