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
    let ranges = partition.ranges
    let largest = partition.split
    packed.withUnsafeBufferPointer { p in
      let p = p.baseAddress!
      // Each block's product touches only its own columns of X: with a
      // block per worker or more, workers take blocks (all rows), else
      // rows (all blocks).
      let byBlocks = ranges.count >= OpenBLAS.threads
      BatchParallel.split(
        byBlocks ? ranges.count : rows, grain: byBlocks ? 1 : Self.grain
      ) { _, slice in
        let rowSlice = byBlocks ? 0..<rows : slice
        let blockSlice = byBlocks ? slice : 0..<ranges.count
        let m = rowSlice.count
        let x = x + rowSlice.lowerBound
        // Uninitialized: `symm` (beta 0) writes every element it reads back.
        let s = UnsafeMutableBufferPointer<Scalar>.allocate(
          capacity: m * largest)
        defer { s.deallocate() }
        do {
          for j in blockSlice {
            let range = ranges[j]
            let n = range.count
            let column = x + range.lowerBound * ld
            BLAS.symm(
              .right, m: m, n: n, a: p + offsets[j], lda: n, b: column,
              ldb: ld, c: s.baseAddress!, ldc: m)
            for c in 0..<n {
              (column + c * ld).update(from: s.baseAddress! + c * m, count: m)
            }
          }
        }
      }
    }
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
    let ranges = partition.ranges
    let largest = partition.split
    packed.withUnsafeBufferPointer { p in
      let p = p.baseAddress!
      // As in the right product: blocks (their own rows of X) or columns.
      let byBlocks = ranges.count >= OpenBLAS.threads
      BatchParallel.split(
        byBlocks ? ranges.count : columns, grain: byBlocks ? 1 : Self.grain
      ) { _, slice in
        let columnSlice = byBlocks ? 0..<columns : slice
        let blockSlice = byBlocks ? slice : 0..<ranges.count
        let k = columnSlice.count
        let x = x + columnSlice.lowerBound * ld
        let s = UnsafeMutableBufferPointer<Scalar>.allocate(
          capacity: largest * k)
        defer { s.deallocate() }
        do {
          for j in blockSlice {
            let range = ranges[j]
            let n = range.count
            let rowsStart = x + range.lowerBound
            BLAS.symm(
              .left, m: n, n: k, a: p + offsets[j], lda: n, b: rowsStart,
              ldb: ld, c: s.baseAddress!, ldc: n)
            for c in 0..<k {
              (rowsStart + c * ld).update(
                from: s.baseAddress! + c * n, count: n)
            }
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
