extension BlockDiagonalMatrix {
  /// `X ← X · B` for `X` with `rows` rows and ``dimension`` columns stored
  /// column-major with leading dimension `ld`; `B` is this matrix, read
  /// from the blocks' upper triangles (`?symm` per block; at split 1, a
  /// diagonal, an element-wise scaling: see ``BlockProductPath``). The
  /// blocks, or with fewer blocks than workers the rows of `X`, are split
  /// over workers (``BatchParallel``).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func rightMultiply(
    _ x: UnsafeMutablePointer<Scalar>, rows: Int, ld: Int,
    path: BlockProductPath = .automatic
  ) {
    if path.scales(split: partition.split) {
      scaleColumns(x, rows: rows, ld: ld)
      return
    }
    multiply(x, side: .right, other: rows, ld: ld)
  }

  /// `X ← B · X` for `X` with ``dimension`` rows and `columns` columns
  /// stored column-major with leading dimension `ld` (`?symm` per block;
  /// at split 1 an element-wise scaling). The blocks, or with fewer
  /// blocks than workers the columns of `X`, are split over workers
  /// (``BatchParallel``).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func leftMultiply(
    _ x: UnsafeMutablePointer<Scalar>, columns: Int, ld: Int,
    path: BlockProductPath = .automatic
  ) {
    if path.scales(split: partition.split) {
      scaleRows(x, columns: columns, ld: ld)
      return
    }
    multiply(x, side: .left, other: columns, ld: ld)
  }

  /// `X ← X · B` (`.right`, `other` rows) or `X ← B · X` (`.left`, `other`
  /// columns), one `?symm` per block into a worker's scratch and copied
  /// back. Each block's product touches only its own columns (rows) of
  /// `X`: with a block per worker or more, workers take blocks (all of
  /// `other`), else slices of `other` (all blocks).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  private func multiply(
    _ x: UnsafeMutablePointer<Scalar>, side: BLAS.Side, other: Int, ld: Int
  ) {
    let ranges = partition.ranges
    let largest = partition.split
    // Where X's `other` index and a block's first index step in memory.
    let (otherStride, blockStride) = side == .right ? (1, ld) : (ld, 1)
    packed.withUnsafeBufferPointer { p in
      let p = p.baseAddress!
      let byBlocks = ranges.count >= OpenBLAS.threads
      BatchParallel.split(
        byBlocks ? ranges.count : other, grain: byBlocks ? 1 : Self.grain
      ) { _, slice in
        let otherSlice = byBlocks ? 0..<other : slice
        let blockSlice = byBlocks ? slice : 0..<ranges.count
        let k = otherSlice.count
        let x = x + otherSlice.lowerBound * otherStride
        // Uninitialized: `symm` (beta 0) writes every element it reads back.
        let s = UnsafeMutableBufferPointer<Scalar>.allocate(
          capacity: k * largest)
        defer { s.deallocate() }
        for j in blockSlice {
          let range = ranges[j]
          let n = range.count
          let start = x + range.lowerBound * blockStride
          // The product is m × columns, as X's part at `start` is.
          let (m, columns) = side == .right ? (k, n) : (n, k)
          BLAS.symm(
            side, m: m, n: columns, a: p + offsets[j], lda: n, b: start,
            ldb: ld, c: s.baseAddress!, ldc: m)
          for c in 0..<columns {
            (start + c * ld).update(from: s.baseAddress! + c * m, count: m)
          }
        }
      }
    }
  }

  /// Rows (or columns) of `X` below which a worker is not worth waking.
  static var grain: Int { 16 }

  /// `X ← X · diag(packed)`: column `c` times element `c`.
  private func scaleColumns(
    _ x: UnsafeMutablePointer<Scalar>, rows: Int, ld: Int
  ) {
    packed.withUnsafeBufferPointer { d in
      for c in d.indices {
        let column = x + c * ld
        let factor = d[c]
        for r in 0..<rows { column[r] *= factor }
      }
    }
  }

  /// `X ← diag(packed) · X`: row `r` times element `r`, column by column.
  private func scaleRows(
    _ x: UnsafeMutablePointer<Scalar>, columns: Int, ld: Int
  ) {
    packed.withUnsafeBufferPointer { d in
      for c in 0..<columns {
        let column = x + c * ld
        for r in d.indices { column[r] *= d[r] }
      }
    }
  }
}
