extension Convolution {
  /// Elements of one sample with its zero padding:
  /// (H + 2p) × (W + 2p) × C_in, channel fastest.
  var paddedCount: Int {
    (inputShape.height + 2 * padding) * (inputShape.width + 2 * padding)
      * inputShape.channels
  }

  /// Visits every patch column of one padded sample: `body(column, start)`
  /// gets the column's index within the sample and the padded offset of
  /// its first kernel row. Kernel row `ky` starts `ky` padded rows below
  /// and is `k·C_in` contiguous elements, so every patch row is one copy
  /// with no bounds to test.
  @inline(__always)
  private func forEachPatchColumn(_ body: (Int, Int) -> Void) {
    let c = inputShape.channels
    let paddedWidth = inputShape.width + 2 * padding
    var column = 0
    for y in 0..<outputShape.height {
      for x in 0..<outputShape.width {
        body(column, (y * paddedWidth + x) * c)
        column += 1
      }
    }
  }

  /// Copies sample `source` (H × W × C_in) into the interior of `padded`,
  /// whose border is zero.
  private func pad(
    _ source: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>
  ) {
    let c = inputShape.channels
    let rowLength = inputShape.width * c
    let paddedRow = (inputShape.width + 2 * padding) * c
    for iy in 0..<inputShape.height {
      (padded + (iy + padding) * paddedRow + padding * c).update(
        from: source + iy * rowLength, count: rowLength)
    }
  }

  /// im2col: writes every patch of `count` samples, with a trailing 1, as
  /// consecutive columns of ``inputDimension`` rows, staging each sample
  /// in `padded` (``paddedCount`` elements).
  func gatherPatches(
    from input: UnsafePointer<Float>, count: Int,
    into patches: UnsafeMutablePointer<Float>,
    padded: UnsafeMutablePointer<Float>
  ) {
    let rows = inputDimension
    let run = kernelSize * inputShape.channels
    let paddedRow = (inputShape.width + 2 * padding) * inputShape.channels
    padded.update(repeating: 0, count: paddedCount)
    for n in 0..<count {
      pad(input + n * inputShape.count, into: padded)
      let sample = patches + n * positions * rows
      forEachPatchColumn { column, start in
        let target = sample + column * rows
        for ky in 0..<kernelSize {
          copy(
            run, from: padded + start + ky * paddedRow, to: target + ky * run)
        }
        target[rows - 1] = 1
      }
    }
  }

  /// col2im: adds each patch gradient (k·k·C_in rows, no bias row) back
  /// onto the input positions it was gathered from, summing each sample
  /// in `padded` (``paddedCount`` elements) and keeping its interior.
  func scatterPatchGradients(
    _ gradients: UnsafePointer<Float>, count: Int,
    into input: UnsafeMutablePointer<Float>,
    padded: UnsafeMutablePointer<Float>
  ) {
    let rows = inputDimension - 1
    let run = kernelSize * inputShape.channels
    let c = inputShape.channels
    let rowLength = inputShape.width * c
    let paddedRow = (inputShape.width + 2 * padding) * c
    for n in 0..<count {
      padded.update(repeating: 0, count: paddedCount)
      let sample = gradients + n * positions * rows
      forEachPatchColumn { column, start in
        let source = sample + column * rows
        for ky in 0..<kernelSize {
          let sink = padded + start + ky * paddedRow
          let row = source + ky * run
          for i in 0..<run { sink[i] += row[i] }
        }
      }
      let target = input + n * inputShape.count
      for iy in 0..<inputShape.height {
        (target + iy * rowLength).update(
          from: padded + (iy + padding) * paddedRow + padding * c,
          count: rowLength)
      }
    }
  }

  /// Copies `count` elements; short runs (a few channels) inline rather
  /// than through `memmove`.
  @inline(__always)
  private func copy(
    _ count: Int, from source: UnsafePointer<Float>,
    to target: UnsafeMutablePointer<Float>
  ) {
    if count < 32 {
      for i in 0..<count { target[i] = source[i] }
    } else {
      target.update(from: source, count: count)
    }
  }
}
