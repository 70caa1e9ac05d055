import Testing
import ThorFormats

@testable import ThorLinalg

@Suite("Batched Cholesky kernel") struct BatchedCholeskyTests {
  /// Every order 1…64, so odd sizes and every remainder of the
  /// four-row tiles are covered.
  static let orders = Array(1...64)

  /// Blocks of order `n`, each a random SPD matrix with a random lower
  /// triangle that the kernel must neither read nor write.
  static func blocks<T: LinalgScalar>(
    _: T.Type, count: Int, n: Int, seed: UInt64
  ) -> [Matrix<T>] {
    (0..<count).map { b in
      var a = Matrix<T>.wellConditioned(n, seed: seed &+ UInt64(b))
      for j in 0..<n { for i in (j + 1)..<max(n, j + 1) { a[i, j] = -7 } }
      return a
    }
  }

  static func invert<T: LinalgScalar>(
    _ packed: inout [T], count: Int, n: Int, workers: Int
  ) -> BatchedCholesky.Failure? {
    packed.withUnsafeMutableBufferPointer { p in
      if T.self == Float.self {
        return p.withMemoryRebound(to: Float.self) {
          BatchedCholesky.invert(
            $0.baseAddress!, count: count, n: n, workers: workers)
        }
      }
      return p.withMemoryRebound(to: Double.self) {
        BatchedCholesky.invert(
          $0.baseAddress!, count: count, n: n, workers: workers)
      }
    }
  }

  static func check<T: LinalgScalar>(
    _: T.Type, n: Int, count: Int, tolerance: T, workers: Int = 1
  ) throws {
    let inputs = blocks(T.self, count: count, n: n, seed: UInt64(n * 97))
    var packed = inputs.flatMap(\.storage)
    let failure = invert(&packed, count: count, n: n, workers: workers)
    #expect(failure == nil)
    for (b, input) in inputs.enumerated() {
      // The independent result: LAPACK's potrf + potri on the block.
      let expected = try input.inverted(method: .cholesky)
      let got = Matrix<T>(
        rows: n, columns: n,
        columnMajor: Array(packed[b * n * n..<(b + 1) * n * n]))
      var worst: T = 0
      var lowerKept = true
      for j in 0..<n {
        for i in 0...j { worst = max(worst, abs(got[i, j] - expected[i, j])) }
        for i in (j + 1)..<n { lowerKept = lowerKept && got[i, j] == -7 }
      }
      #expect(worst <= tolerance, "block \(b) of order \(n)")
      #expect(lowerKept, "lower triangle of block \(b) written")
    }
  }

  @Test(arguments: orders)
  func floatMatchesLapack(n: Int) throws {
    // 11 blocks: one full group of eight and a partial group of three.
    try Self.check(
      Float.self, n: n, count: 11, tolerance: roundoff(Float.self, 64))
  }

  @Test(arguments: orders)
  func doubleMatchesLapack(n: Int) throws {
    // 5 blocks: one group of four and a partial group of one.
    try Self.check(
      Double.self, n: n, count: 5, tolerance: roundoff(Double.self, 64))
  }

  @Test(arguments: [2, 3, 7])
  func parallelRunsMatchLapack(workers: Int) throws {
    // 45 Float blocks are 6 groups; 19 Double blocks are 5 groups.
    try Self.check(
      Float.self, n: 5, count: 45, tolerance: roundoff(Float.self, 64),
      workers: workers)
    try Self.check(
      Double.self, n: 12, count: 19, tolerance: roundoff(Double.self, 64),
      workers: workers)
  }

  @Test(arguments: [1, 2, 3])
  func parallelRunsReportTheFirstFailure(workers: Int) {
    // Blocks 30 and 41 fail: different groups, and different runs for 3
    // workers.
    let n = 3
    var blocks = Self.blocks(Double.self, count: 45, n: n, seed: 9)
    blocks[30][1, 1] = -1
    blocks[41][0, 0] = -1
    var packed = blocks.flatMap(\.storage)
    let failure = Self.invert(&packed, count: 45, n: n, workers: workers)
    #expect(failure == BatchedCholesky.Failure(block: 30, minor: 2))
  }

  @Test(arguments: [(100, 7), (130, 64), (64, 64), (37, 5), (9, 1), (3, 64)])
  func pathsAgreeWithRemainderBlocks(d: Int, s: Int) throws {
    let a = Matrix<Float>.wellConditioned(d, seed: UInt64(d + s))
    var lapack = BlockDiagonalMatrix(diagonalBlocksOf: a, split: s)
    var batched = lapack
    var automatic = lapack
    try lapack.invert(path: .lapack)
    try batched.invert(path: .batched)
    try automatic.invert()
    for m in [batched, automatic] {
      var complete = m
      complete.completeLowerTriangles()
      var reference = lapack
      reference.completeLowerTriangles()
      #expect(
        complete.dense().isClose(
          to: reference.dense(), tolerance: roundoff(Float.self, 64)))
    }
  }

  /// The kernel names the same minor as `potrf`, offset into the factor,
  /// for indefinite blocks anywhere in a group and in the remainder.
  @Test(arguments: [1, 2, 3, 8, 13, 33, 64], [Precision.float32, .float64])
  func indefiniteBlockErrorMatchesLapack(s: Int, precision: Precision)
    throws
  {
    let d = 11 * s + (s > 1 ? s / 2 : 0)
    var a = Matrix<Double>.wellConditioned(d, seed: UInt64(s))
    // Block 6 (lane 6 of the first Float group, lane 2 of the second
    // Double group) fails at its local minor ⌈s/2⌉; block 7, in the same
    // group, fails at an earlier minor but comes later in block order.
    let failing = 6 * s + (s - 1) / 2
    a[failing, failing] = -1
    a[7 * s, 7 * s] = -1
    let expected = LinearAlgebraError.notPositiveDefinite(
      routine: .potrf, minor: failing + 1)
    if precision == .float32 {
      try Self.expectSameError(a.converted(to: Float.self), s, expected)
    } else {
      try Self.expectSameError(a, s, expected)
    }
  }

  @Test(arguments: [Precision.float32, .float64])
  func indefiniteRemainderIsReported(precision: Precision) throws {
    // d = 21, s = 8: the remainder block covers 16..<21.
    var a = Matrix<Double>.wellConditioned(21, seed: 5)
    a[19, 19] = -3
    let expected = LinearAlgebraError.notPositiveDefinite(
      routine: .potrf, minor: 20)
    if precision == .float32 {
      try Self.expectSameError(a.converted(to: Float.self), 8, expected)
    } else {
      try Self.expectSameError(a, 8, expected)
    }
  }

  static func expectSameError<T: LinalgScalar>(
    _ a: Matrix<T>, _ s: Int, _ expected: LinearAlgebraError
  ) throws {
    for path in [BlockInversionPath.lapack, .batched, .automatic] {
      var b = BlockDiagonalMatrix(diagonalBlocksOf: a, split: s)
      #expect(throws: expected, "path \(path)") {
        try b.invert(path: path)
      }
    }
  }

  /// A last group under half full, and the remainder, go to LAPACK: the
  /// result is LAPACK's to the bit.
  @Test func sparseLastGroupAndRemainderUseLapack() throws {
    // Float groups hold 8: 3 full blocks of 5 and a remainder of 2.
    let a = Matrix<Float>.wellConditioned(17, seed: 8)
    var lapack = BlockDiagonalMatrix(diagonalBlocksOf: a, split: 5)
    var batched = lapack
    try lapack.invert(path: .lapack)
    try batched.invert(path: .batched)
    #expect(batched.packed == lapack.packed)
  }

  /// `.automatic` gives the kernel's bits up to the limit and LAPACK's
  /// above it.
  @Test func automaticPathSwitchesAtTheLimit() throws {
    let limit = BlockDiagonalMatrix<Double>.batchedSplitLimit
    let a = Matrix<Double>.wellConditioned(2 * limit + 6, seed: 4)
    for (s, same) in [
      (limit, BlockInversionPath.batched), (limit + 1, .lapack),
    ] {
      var automatic = BlockDiagonalMatrix(diagonalBlocksOf: a, split: s)
      var reference = automatic
      try automatic.invert()
      try reference.invert(path: same)
      #expect(automatic.packed == reference.packed, "split \(s)")
    }
  }
}
