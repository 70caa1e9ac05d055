import Testing
import ThorFormats

@testable import ThorLinalg

@Suite("Block-diagonal matrices") struct BlockDiagonalMatrixTests {
  /// (dimension, split) pairs with and without a remainder block.
  static let shapes = [(10, 4), (12, 4), (9, 1), (7, 7), (7, 20), (13, 5)]

  @Test(arguments: shapes)
  func blocksAreTheDenseDiagonalBlocks(d: Int, s: Int) {
    let a = Matrix<Double>.random(rows: d, columns: d, seed: UInt64(d * s))
    let b = BlockDiagonalMatrix(diagonalBlocksOf: a, split: s)
    let dense = b.dense()
    for i in 0..<d {
      for j in 0..<d {
        let sameBlock = i / s == j / s
        #expect(dense[i, j] == (sameBlock ? a[i, j] : 0))
      }
    }
    let last = b.partition.ranges.count - 1
    let start = b.partition.ranges[last].lowerBound
    let block = b.block(last)
    #expect(block.rows == d - start)
    #expect(block[block.rows - 1, 0] == a[d - 1, start])
  }

  @Test(arguments: InversionMethod.allCases, shapes)
  func blockInverseIsPerBlockDenseInverse(
    method: InversionMethod, shape: (Int, Int)
  ) throws {
    let (d, s) = shape
    let a = Matrix<Double>.wellConditioned(d, seed: UInt64(d + s))
    var b = BlockDiagonalMatrix(diagonalBlocksOf: a, split: s)
    try b.invert(method: method)
    b.completeLowerTriangles()
    for (j, range) in b.partition.ranges.enumerated() {
      let dense = Matrix<Double>(rows: range.count, columns: range.count) {
        a[range.lowerBound + $0, range.lowerBound + $1]
      }
      #expect(b.block(j).isClose(to: try dense.inverted(), tolerance: 1e-12))
    }
    // The whole matrix times the original's diagonal blocks is I.
    let original = BlockDiagonalMatrix(diagonalBlocksOf: a, split: s).dense()
    #expect(
      b.dense().naiveProduct(original).isClose(
        to: .identity(d), tolerance: 1e-12))
  }

  @Test(arguments: shapes)
  func rightMultiplyIsDenseProduct(d: Int, s: Int) {
    var b = BlockDiagonalMatrix(
      diagonalBlocksOf: Matrix<Double>.wellConditioned(d, seed: 1), split: s)
    b.addToDiagonal(0.5)
    let rows = 3
    let ld = 5
    var x = Matrix<Double>.random(rows: ld, columns: d, seed: 2)
    let top = Matrix<Double>(rows: rows, columns: d) { x[$0, $1] }
    let expected = top.naiveProduct(b.dense())
    x.withUnsafeMutableElements {
      b.rightMultiply($0.baseAddress!, rows: rows, ld: ld)
    }
    for i in 0..<rows {
      for j in 0..<d { #expect(abs(x[i, j] - expected[i, j]) < 1e-13) }
    }
  }

  @Test(arguments: shapes)
  func leftMultiplyIsDenseProduct(d: Int, s: Int) {
    let b = BlockDiagonalMatrix(
      diagonalBlocksOf: Matrix<Float>.wellConditioned(d, seed: 3), split: s)
    let columns = 4
    let ld = d + 2
    var x = Matrix<Float>.random(rows: ld, columns: columns, seed: 4)
    let top = Matrix<Float>(rows: d, columns: columns) { x[$0, $1] }
    let untouched = x[d + 1, 2]
    let expected = b.dense().naiveProduct(top)
    x.withUnsafeMutableElements {
      b.leftMultiply($0.baseAddress!, columns: columns, ld: ld)
    }
    for i in 0..<d {
      for j in 0..<columns { #expect(abs(x[i, j] - expected[i, j]) < 1e-5) }
    }
    #expect(x[d + 1, 2] == untouched)
  }

  /// `X` wide enough for its rows (columns) to be split over workers,
  /// with odd slices; the rows past `rows` (`d`) stay as they are.
  @Test(arguments: [(7, 3), (20, 20), (9, 4)])
  func productsSplitOverWorkersAreDenseProducts(d: Int, s: Int) {
    let threads = OpenBLAS.threads
    defer { OpenBLAS.setThreads(threads) }
    let b = BlockDiagonalMatrix(
      diagonalBlocksOf: Matrix<Double>.wellConditioned(d, seed: 5), split: s)
    let n = 51
    let ld = n + 2
    var x = Matrix<Double>.random(rows: ld, columns: d, seed: 6)
    let right = Matrix<Double>(rows: n, columns: d) { x[$0, $1] }
      .naiveProduct(b.dense())
    x.withUnsafeMutableElements {
      OpenBLAS.setThreads(3)
      b.rightMultiply($0.baseAddress!, rows: n, ld: ld)
    }
    #expect(
      Matrix(rows: n, columns: d) { x[$0, $1] }.isClose(
        to: right, tolerance: 1e-12))
    var y = Matrix<Double>.random(rows: d + 1, columns: n, seed: 7)
    let left = b.dense().naiveProduct(
      Matrix(rows: d, columns: n) { y[$0, $1] })
    let untouched = (0..<n).map { y[d, $0] }
    y.withUnsafeMutableElements {
      OpenBLAS.setThreads(3)
      b.leftMultiply($0.baseAddress!, columns: n, ld: d + 1)
    }
    #expect(
      Matrix(rows: d, columns: n) { y[$0, $1] }.isClose(
        to: left, tolerance: 1e-12))
    #expect((0..<n).map { y[d, $0] } == untouched)
  }

  /// At split 1 the default path scales; `.blas` calls `?symm` per block.
  @Test(arguments: BlockProductPath.allCases)
  func diagonalProductsMatchDenseOnEveryPath(path: BlockProductPath) {
    let b = BlockDiagonalMatrix(
      diagonalBlocksOf: Matrix<Double>.wellConditioned(6, seed: 6), split: 1)
    var right = Matrix<Double>.random(rows: 3, columns: 6, seed: 7)
    var left = right.naiveTranspose()
    let expectedRight = right.naiveProduct(b.dense())
    let expectedLeft = b.dense().naiveProduct(left)
    right.withUnsafeMutableElements {
      b.rightMultiply($0.baseAddress!, rows: 3, ld: 3, path: path)
    }
    left.withUnsafeMutableElements {
      b.leftMultiply($0.baseAddress!, columns: 3, ld: 6, path: path)
    }
    #expect(right.isClose(to: expectedRight, tolerance: 1e-14))
    #expect(left.isClose(to: expectedLeft, tolerance: 1e-14))
  }

  @Test func addToDiagonalDampsEveryBlock() {
    let a = Matrix<Double>.random(rows: 7, columns: 7, seed: 5)
    var b = BlockDiagonalMatrix(diagonalBlocksOf: a, split: 3)
    b.addToDiagonal(2)
    let dense = b.dense()
    for i in 0..<7 { #expect(dense[i, i] == a[i, i] + 2) }
  }

  @Test(arguments: InversionMethod.allCases)
  func nonFiniteNamesTheDensePosition(method: InversionMethod) {
    var a = Matrix<Double>.identity(10)
    a[6, 5] = .nan
    var b = BlockDiagonalMatrix(diagonalBlocksOf: a, split: 4)
    #expect(throws: LinearAlgebraError.nonFinite(row: 6, column: 5)) {
      try b.invert(method: method)
    }
  }

  @Test(arguments: [Precision.float32, .float64])
  func notPositiveDefiniteMinorIsOffsetIntoTheFactor(precision: Precision) {
    // Block 1 covers rows 4..<8; its local minor 2 is global minor 6.
    let diagonal: [Double] = [1, 1, 1, 1, 1, -1, 1, 1, 1, 1]
    let a = Matrix<Double>(rows: 10, columns: 10) { i, j in
      i == j ? diagonal[i] : 0
    }
    let expected = LinearAlgebraError.notPositiveDefinite(
      routine: .potrf, minor: 6)
    if precision == .float32 {
      var b = BlockDiagonalMatrix(
        diagonalBlocksOf: a.converted(to: Float.self), split: 4)
      #expect(throws: expected) { try b.invert() }
    } else {
      var b = BlockDiagonalMatrix(diagonalBlocksOf: a, split: 4)
      #expect(throws: expected) { try b.invert() }
    }
  }

  @Test func remainderBlockFailureIsReported() {
    // d = 10, s = 4: the remainder block 8..<10 is singular at minor 10.
    var a = Matrix<Double>.identity(10)
    a[9, 9] = 0
    var b = BlockDiagonalMatrix(diagonalBlocksOf: a, split: 4)
    #expect(
      throws: LinearAlgebraError.notPositiveDefinite(
        routine: .potrf, minor: 10)
    ) { try b.invert() }
  }
}
