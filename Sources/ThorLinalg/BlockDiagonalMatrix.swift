/// A block-diagonal matrix `diag(B₁, …, B_k)` stored as its blocks only,
/// packed one after another, each column-major.
///
/// This is the split factor of THOR: built from a dense factor's diagonal
/// blocks, inverted block by block, and applied to gradients without ever
/// forming the dense matrix.
package struct BlockDiagonalMatrix<Scalar: LinalgScalar>: Sendable {
  /// Which blocks the matrix has.
  package let partition: BlockPartition
  /// The blocks, packed: block `j` starts at ``offsets``[j].
  package internal(set) var packed: [Scalar]
  /// Start of each block in ``packed``.
  package let offsets: [Int]

  /// The diagonal blocks of `matrix` at `split`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package init(diagonalBlocksOf matrix: Matrix<Scalar>, split: Int) {
    precondition(matrix.isSquare, "block-diagonal of a non-square matrix")
    partition = BlockPartition(dimension: matrix.rows, split: split)
    offsets = Self.offsets(of: partition)
    packed = [Scalar](repeating: 0, count: partition.packedCount)
    let n = matrix.rows
    let ranges = partition.ranges
    matrix.withUnsafeElements { src in
      packed.withUnsafeMutableBufferPointer { dst in
        for (j, range) in ranges.enumerated() {
          let size = range.count
          let start = range.lowerBound
          for c in 0..<size {
            let from = start + (start + c) * n
            let to = offsets[j] + c * size
            for r in 0..<size { dst[to + r] = src[from + r] }
          }
        }
      }
    }
  }

  /// The block-diagonal matrix of dimension `dimension` split at `split`
  /// whose block covering `range` is `block(range)` (`range.count` square).
  package init(
    dimension: Int, split: Int, block: (Range<Int>) -> Matrix<Scalar>
  ) {
    self.init(dimension: dimension, split: split) { range, storage in
      let b = block(range)
      precondition(
        b.rows == range.count && b.columns == range.count,
        "block for rows \(range) is \(b.rows)x\(b.columns)")
      b.withUnsafeElements {
        storage.update(from: $0.baseAddress!, count: $0.count)
      }
    }
  }

  /// The block-diagonal matrix of dimension `dimension` split at `split`
  /// whose blocks `fill` writes in place (no block is copied): it gets
  /// each block's rows and its zeroed column-major storage.
  package init(
    dimension: Int, split: Int,
    fill: (Range<Int>, UnsafeMutablePointer<Scalar>) -> Void
  ) {
    partition = BlockPartition(dimension: dimension, split: split)
    offsets = Self.offsets(of: partition)
    packed = [Scalar](repeating: 0, count: partition.packedCount)
    let ranges = partition.ranges
    let offsets = offsets
    packed.withUnsafeMutableBufferPointer { p in
      for (j, range) in ranges.enumerated() {
        fill(range, p.baseAddress! + offsets[j])
      }
    }
  }

  private static func offsets(of partition: BlockPartition) -> [Int] {
    var result: [Int] = []
    var next = 0
    for range in partition.ranges {
      result.append(next)
      next += range.count * range.count
    }
    return result
  }

  /// The dimension of the whole matrix.
  package var dimension: Int { partition.dimension }

  /// Block `j` as a dense matrix.
  package func block(_ j: Int) -> Matrix<Scalar> {
    let size = partition.ranges[j].count
    let start = offsets[j]
    return Matrix(
      rows: size, columns: size,
      columnMajor: Array(packed[start..<start + size * size]))
  }

  /// The dense `d x d` matrix, zeros off the blocks.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func dense() -> Matrix<Scalar> {
    var m = Matrix<Scalar>(rows: dimension, columns: dimension)
    for (j, range) in partition.ranges.enumerated() {
      let b = block(j)
      for c in 0..<range.count {
        for r in 0..<range.count {
          m[range.lowerBound + r, range.lowerBound + c] = b[r, c]
        }
      }
    }
    return m
  }

  /// Adds `value` to every diagonal element (damping).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package mutating func addToDiagonal(_ value: Scalar) {
    let ranges = partition.ranges
    packed.withUnsafeMutableBufferPointer { p in
      for (j, range) in ranges.enumerated() {
        let n = range.count
        for i in 0..<n { p[offsets[j] + i * (n + 1)] += value }
      }
    }
  }
}
