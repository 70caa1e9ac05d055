import ThorLinalg

/// A fully connected layer `s = W·a + b`, computed as `gemm` with the
/// bias folded in, `s = [W | b]·[a; 1]`, the batch split over workers
/// (``BatchParallel``).
package final class Dense: Layer, KroneckerFactoredLayer {
  package let name: String
  package let inputShape: FeatureShape
  package let outputShape: FeatureShape
  package var parameters: Matrix<Float>
  package private(set) var parameterGradient: Matrix<Float>
  package var recordsFactorStatistics = false
  package private(set) var batchSize = 0

  /// Inputs with a row of ones appended: (d_in + 1) × count.
  private let augmentedInput = ScratchBuffer()
  private let output = ScratchBuffer()
  private let inputGradient = ScratchBuffer()
  private let kernel = AffineKernel()

  /// Creates a layer with zero parameters (see ``Initializer``).
  package init(name: String, inputSize: Int, outputSize: Int) {
    precondition(inputSize > 0 && outputSize > 0, "empty dense layer")
    self.name = name
    inputShape = .vector(inputSize)
    outputShape = .vector(outputSize)
    parameters = Matrix(rows: outputSize, columns: inputSize + 1)
    parameterGradient = Matrix(rows: outputSize, columns: inputSize + 1)
  }

  package var outputDimension: Int { outputShape.count }
  package var inputDimension: Int { inputShape.count + 1 }

  package func forward(_ input: UnsafePointer<Float>, count: Int)
    -> UnsafePointer<Float>
  {
    let dIn = inputShape.count
    let rows = dIn + 1
    let out = outputDimension
    let a = augmentedInput.reserve(rows * count)
    let y = output.reserve(out * count)
    batchSize = count
    parameters.withUnsafeElements { p in
      let p = p.baseAddress!
      BatchParallel.split(count, grain: 1) { _, samples in
        for j in samples {
          (a + j * rows).update(from: input + j * dIn, count: dIn)
          a[j * rows + dIn] = 1
        }
        let first = samples.lowerBound
        AffineKernel.forward(
          p, rows: out, inputs: rows, a + first * rows,
          columns: samples.count, into: y + first * out)
      }
    }
    return UnsafePointer(y)
  }

  /// Each worker computes a slice of the parameter gradient's columns
  /// (no partial sums to add) and a slice of the samples' `dX`.
  package func backward(
    _ outputGradient: UnsafePointer<Float>, count: Int,
    needsInputGradient: Bool
  ) -> UnsafePointer<Float>? {
    let rows = inputDimension
    let out = outputDimension
    let a = UnsafePointer(augmentedInput.pointer)
    let scale = 1 / Float(count)
    kernel.record(
      outputGradient, rows: out, columns: count,
      when: recordsFactorStatistics)
    let dx =
      needsInputGradient
      ? inputGradient.reserve(inputShape.count * count) : nil
    let workers = BatchParallel.workers(for: Swift.min(count, rows))
    parameters.withUnsafeElements { p in
      parameterGradient.withUnsafeMutableElements { g in
        let p = p.baseAddress!
        let g = g.baseAddress!
        BatchParallel.split(rows, workers: workers) { w, inputs in
          AffineKernel.weightGradient(
            outputGradient, rows: out, a + inputs.lowerBound,
            width: inputs.count, ldx: rows, columns: count, alpha: scale,
            beta: 0, into: g + inputs.lowerBound * out)
          guard let dx else { return }
          let samples = BatchParallel.slice(w, of: count, workers: workers)
          AffineKernel.inputGradient(
            p, rows: out, inputs: rows,
            outputGradient + samples.lowerBound * out,
            columns: samples.count,
            into: dx + samples.lowerBound * (rows - 1))
        }
      }
    }
    return dx.map { UnsafePointer($0) }
  }

  package func withFactorInputs<R>(
    _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
  ) rethrows -> R {
    try lend(
      augmentedInput.pointer, rows: inputDimension, columns: batchSize, body)
  }

  package func withFactorOutputGradients<R>(
    _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
  ) rethrows -> R {
    try kernel.withRecorded(rows: outputDimension, body)
  }
}
