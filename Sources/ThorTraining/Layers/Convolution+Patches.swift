extension Convolution {
  /// Visits every (patch, kernel row) of `count` samples, patches being
  /// `stride` elements apart: `body(row, input, kx)` gets the row's offset
  /// in the patch matrix, the input offset of its first in-image element
  /// (nil when the whole row lies in the padding) and the in-image kernel
  /// columns. A run of input columns is contiguous in channel-fastest
  /// order, so each row is one contiguous copy.
  @inline(__always)
  private func forEachPatchRow(
    count: Int, stride: Int, _ body: (Int, Int?, Range<Int>) -> Void
  ) {
    let c = inputShape.channels
    let h = inputShape.height
    let w = inputShape.width
    let rowLength = kernelSize * c
    var column = 0
    for n in 0..<count {
      let sample = n * inputShape.count
      for y in 0..<outputShape.height {
        for x in 0..<outputShape.width {
          let first = Swift.max(0, padding - x)
          let last = Swift.min(kernelSize, w + padding - x)
          let kx = first..<Swift.max(first, last)
          let ix = x + first - padding
          for ky in 0..<kernelSize {
            let iy = y + ky - padding
            let inside = iy >= 0 && iy < h && !kx.isEmpty
            body(
              column + ky * rowLength,
              inside ? sample + (iy * w + ix) * c : nil, kx)
          }
          column += stride
        }
      }
    }
  }

  /// im2col: writes every patch of `count` samples, with a trailing 1, as
  /// consecutive columns of ``inputDimension`` rows.
  func gatherPatches(
    from input: UnsafePointer<Float>, count: Int,
    into patches: UnsafeMutablePointer<Float>
  ) {
    let c = inputShape.channels
    let k = kernelSize
    let rows = inputDimension
    forEachPatchRow(count: count, stride: rows) { row, source, kx in
      let target = patches + row
      guard let source else {
        target.update(repeating: 0, count: k * c)
        return
      }
      target.update(repeating: 0, count: kx.lowerBound * c)
      (target + kx.lowerBound * c).update(
        from: input + source, count: kx.count * c)
      (target + kx.upperBound * c).update(
        repeating: 0, count: (k - kx.upperBound) * c)
    }
    for j in 0..<(count * positions) { patches[j * rows + rows - 1] = 1 }
  }

  /// col2im: adds each patch gradient (k·k·C_in rows, no bias row) back
  /// onto the input positions it was gathered from.
  func scatterPatchGradients(
    _ gradients: UnsafePointer<Float>, count: Int,
    into input: UnsafeMutablePointer<Float>
  ) {
    let c = inputShape.channels
    input.update(repeating: 0, count: inputShape.count * count)
    forEachPatchRow(count: count, stride: inputDimension - 1) {
      row, target, kx in
      guard let target else { return }
      let source = gradients + row + kx.lowerBound * c
      let sink = input + target
      for i in 0..<(kx.count * c) { sink[i] += source[i] }
    }
  }
}
