import ThorLinalg

/// A 2-D convolution (stride 1, square kernel, zero padding, bias) computed
/// as `gemm` on im2col patches, `S = [W | b]·[patches; 1]`, `S` being
/// `C_out × (N·H_out·W_out)`: the batch is split over workers
/// (``BatchParallel``), and each works through its samples in small
/// chunks, so that a chunk's patches are multiplied while still in a
/// core's cache (`reports/benchmarks/conv-chunks.txt` compares the sizes:
/// one sample of the `cnn` layers is fastest).
///
/// A patch lists its inputs in (kernel row, kernel column, channel) order,
/// channel fastest, so the weight matrix `W` is `C_out × (k·k·C_in)` in the
/// same order and ``factorInputs`` holds the patches with a row of ones.
package final class Convolution: Layer, KroneckerFactoredLayer {
  package let name: String
  package let inputShape: FeatureShape
  package let outputShape: FeatureShape
  /// Kernel height and width.
  package let kernelSize: Int
  /// Zero rows and columns added on each side.
  package let padding: Int
  package var parameters: Matrix<Float>
  package private(set) var parameterGradient: Matrix<Float>
  package var recordsFactorStatistics = false
  package private(set) var batchSize = 0

  /// Patches with a row of ones of the last training batch, kept only
  /// when it recorded factor statistics: (k·k·C_in + 1) × (N·positions).
  let patches = ScratchBuffer()
  private var keptPatchColumns = 0
  private var lastInput: UnsafePointer<Float>?
  private let output = ScratchBuffer()
  private let inputGradient = ScratchBuffer()
  /// Per worker: a chunk's patches and patch gradients.
  private let chunkPatches = WorkerBuffers()
  private let chunkPatchGradients = WorkerBuffers()
  /// Per worker: one sample with its zero padding.
  private let paddedSamples = WorkerBuffers()
  /// Each group's parameter gradient, summed in group order.
  private let groupGradients = ScratchBuffer()
  private let kernel = AffineKernel()

  /// Creates a layer with zero parameters (see ``Initializer``).
  package init(
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
    chunkColumns = Swift.max(1, Self.chunkBytes / (columns * 4))
  }

  /// The patch bytes the default ``chunkColumns`` stays under (whole
  /// samples, at least one).
  static let chunkBytes = 1 << 16
  /// Samples whose parameter gradients one `gemm` accumulates, chunk
  /// after chunk, before the groups' sums are added.
  static let groupSamples = 8

  package var outputDimension: Int { outputShape.channels }
  package var inputDimension: Int {
    kernelSize * kernelSize * inputShape.channels + 1
  }
  /// Output positions per sample.
  package var positions: Int { outputShape.height * outputShape.width }

  /// Patch columns a worker gathers and multiplies at a time (rounded
  /// down to whole samples, at least one), so that a chunk's patches are
  /// still in cache when `gemm` reads them.
  package var chunkColumns: Int

  /// Samples per chunk.
  package var chunkSamples: Int { Swift.max(1, chunkColumns / positions) }

  /// Samples per gradient group: whole chunks, about ``groupSamples``.
  var groupSize: Int {
    chunkSamples * Swift.max(1, Self.groupSamples / chunkSamples)
  }

  package func forward(_ input: UnsafePointer<Float>, count: Int)
    -> UnsafePointer<Float>
  {
    let rows = inputDimension
    let out = outputDimension
    let p = positions
    let y = output.reserve(out * count * p)
    let keep = recordsFactorStatistics
    if keep { patches.reserve(rows * count * p) }
    keptPatchColumns = keep ? count * p : 0
    lastInput = input
    batchSize = count
    let workers = BatchParallel.workers(for: count)
    chunkPatches.prepare(workers)
    paddedSamples.prepare(workers)
    parameters.withUnsafeElements { w in
      let w = w.baseAddress!
      BatchParallel.splitChunks(count, size: chunkSamples, workers: workers) {
        worker, _, chunk in
        let x = gatherChunk(chunk, from: input, worker: worker)
        AffineKernel.forward(
          w, rows: out, inputs: rows, x, columns: chunk.count * p,
          into: y + chunk.lowerBound * p * out)
      }
    }
    return UnsafePointer(y)
  }

  /// The patches of samples `chunk`: in ``patches`` when they are kept,
  /// else gathered into the worker's chunk buffer.
  private func gatherChunk(
    _ chunk: Range<Int>, from input: UnsafePointer<Float>, worker: Int
  ) -> UnsafeMutablePointer<Float> {
    let rows = inputDimension
    let columns = chunk.count * positions
    let x = keptPatches(chunk) ?? chunkPatches[worker].reserve(rows * columns)
    gatherPatches(
      from: input + chunk.lowerBound * inputShape.count, count: chunk.count,
      into: x, padded: paddedSamples[worker].reserve(paddedCount))
    return x
  }

  /// The patches of samples `chunk` in ``patches``, if they are kept.
  private func keptPatches(_ chunk: Range<Int>) -> UnsafeMutablePointer<Float>?
  {
    guard keptPatchColumns > 0 else { return nil }
    return patches.pointer + chunk.lowerBound * positions * inputDimension
  }

  /// Each group of samples accumulates its own `dS·Xᵀ` chunk by chunk
  /// (regathering the patches unless they were kept) and scatters each
  /// chunk's `dX`; the groups' gradients are then summed in group order,
  /// so the result does not depend on the worker count.
  package func backward(
    _ outputGradient: UnsafePointer<Float>, count: Int,
    needsInputGradient: Bool
  ) -> UnsafePointer<Float>? {
    guard let input = lastInput else { return nil }
    let rows = inputDimension
    let out = outputDimension
    let p = positions
    let scale = 1 / Float(count)
    let elements = out * rows
    kernel.record(
      outputGradient, rows: out, columns: count * p,
      when: recordsFactorStatistics)
    let dx =
      needsInputGradient
      ? inputGradient.reserve(inputShape.count * count) : nil
    let size = chunkSamples
    let groups = BatchParallel.chunkCount(count, size: groupSize)
    let partial = groupGradients.reserve(groups * elements)
    let workers = BatchParallel.workers(for: count)
    chunkPatches.prepare(workers)
    paddedSamples.prepare(workers)
    chunkPatchGradients.prepare(workers)
    parameters.withUnsafeElements { w in
      let w = w.baseAddress!
      BatchParallel.splitChunks(count, size: groupSize, workers: workers) {
        worker, index, group in
        for first in stride(
          from: group.lowerBound, to: group.upperBound, by: size)
        {
          let chunk = first..<Swift.min(first + size, group.upperBound)
          let columns = chunk.count * p
          let dS = outputGradient + chunk.lowerBound * p * out
          let x =
            keptPatches(chunk)
            ?? gatherChunk(chunk, from: input, worker: worker)
          AffineKernel.weightGradient(
            dS, rows: out, x, width: rows, ldx: rows, columns: columns,
            alpha: scale, beta: first == group.lowerBound ? 0 : 1,
            into: partial + index * elements)
          guard let dx else { continue }
          let dp = chunkPatchGradients[worker].reserve((rows - 1) * columns)
          AffineKernel.inputGradient(
            w, rows: out, inputs: rows, dS, columns: columns, into: dp)
          scatterPatchGradients(
            dp, count: chunk.count,
            into: dx + chunk.lowerBound * inputShape.count,
            padded: paddedSamples[worker].reserve(paddedCount))
        }
      }
    }
    parameterGradient.withUnsafeMutableElements { g in
      sumGroups(partial, groups: groups, elements: elements, into: g)
    }
    return dx.map { UnsafePointer($0) }
  }

  /// `g = Σ_i partial_i` in group order, elements split over workers.
  private func sumGroups(
    _ partial: UnsafePointer<Float>, groups: Int, elements: Int,
    into g: UnsafeMutableBufferPointer<Float>
  ) {
    let g = g.baseAddress!
    BatchParallel.split(elements, grain: 1 << 12) { _, range in
      let n = range.count
      let first = range.lowerBound
      (g + first).update(from: partial + first, count: n)
      for c in 1..<Swift.max(groups, 1) {
        BLAS.axpy(
          count: n, alpha: 1, x: partial + c * elements + first, y: g + first)
      }
    }
  }

  package func withFactorInputs<R>(
    _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
  ) rethrows -> R {
    try lend(
      patches.pointer, rows: inputDimension, columns: keptPatchColumns, body)
  }

  package func withFactorOutputGradients<R>(
    _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
  ) rethrows -> R {
    try kernel.withRecorded(rows: outputDimension, body)
  }
}
