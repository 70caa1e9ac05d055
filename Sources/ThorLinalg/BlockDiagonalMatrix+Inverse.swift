import ThorFormats

extension BlockDiagonalMatrix {
  /// The largest split for which ``invert(method:path:)`` uses the batched
  /// Cholesky kernel on its own (`.automatic`). Chosen from
  /// `thor-bench block-inversion` (`reports/benchmarks/block-inversion.md`):
  /// up to 64 the kernel is faster than one LAPACK call per block; from 96
  /// on LAPACK's blocked routines are as fast or faster.
  package static var batchedSplitLimit: Int { 64 }

  /// Replaces every block by its inverse (blocks must be symmetric positive
  /// definite; upper triangles are read). Afterwards the upper triangle of
  /// each block holds its inverse; apply it with the symmetric products
  /// ``rightMultiply(_:rows:ld:)`` and ``leftMultiply(_:columns:ld:)``, or
  /// call ``dense()`` after ``completeLowerTriangles()``.
  ///
  /// With `.cholesky` and splits up to ``batchedSplitLimit``, full blocks
  /// are inverted several at a time by a SIMD kernel instead of one LAPACK
  /// call each (see `path`); it reports failures exactly like `potrf`.
  /// - Throws: ``LinearAlgebraError`` for the first block that fails, with
  ///   the block's position added to a Cholesky minor. The blocks' contents
  ///   are unspecified after a throw.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package mutating func invert(
    method: InversionMethod = .cholesky,
    path: BlockInversionPath = .automatic
  ) throws(LinearAlgebraError) {
    if let k = packed.firstIndex(where: { !$0.isFinite }) {
      let (row, column) = position(ofPacked: k)
      throw .nonFinite(row: row, column: column)
    }
    let batched =
      method == .cholesky
      && (path == .batched
        || (path == .automatic && partition.split <= Self.batchedSplitLimit))
    let blocks = partition.blockCount
    let first = batched ? try invertBatched() : 0
    try invertWithLapack(method: method, blocks: first..<blocks)
  }

  /// Inverts `blocks` one LAPACK call sequence each.
  private mutating func invertWithLapack(
    method: InversionMethod, blocks: Range<Int>
  ) throws(LinearAlgebraError) {
    guard !blocks.isEmpty else { return }
    let inverter = Inverter<Scalar>(
      method: method, maxDimension: partition.split)
    let ranges = partition.ranges
    let offsets = offsets
    try packed.withUnsafeMutableBufferPointer {
      (p) throws(LinearAlgebraError) in
      for j in blocks {
        let range = ranges[j]
        do throws(LinearAlgebraError) {
          try inverter.invert(
            p.baseAddress! + offsets[j], n: range.count, lda: range.count)
        } catch .notPositiveDefinite(let routine, let minor) {
          throw .notPositiveDefinite(
            routine: routine, minor: range.lowerBound + minor)
        } catch { throw error }
      }
    }
  }

  /// Inverts the full blocks with the batched kernel, except a last group
  /// that would fill less than half the SIMD lanes (padding lanes cost as
  /// much as real ones); the remainder block is a single call either way.
  /// - Returns: The first block left for LAPACK.
  private mutating func invertBatched() throws(LinearAlgebraError) -> Int {
    let split = partition.split
    let width = BatchedCholesky.lanes(for: Scalar.self)
    let leftover = partition.fullBlockCount % width
    let count =
      partition.fullBlockCount
      - (leftover * 2 < width ? leftover : 0)
    let workers = Self.batchedWorkers(blocks: count, split: split)
    let failure = packed.withUnsafeMutableBufferPointer {
      p -> BatchedCholesky.Failure? in
      guard let base = p.baseAddress, count > 0 else { return nil }
      return Self.batched(base, count: count, n: split, workers: workers)
    }
    if let failure {
      let start = partition.ranges[failure.block].lowerBound
      throw .notPositiveDefinite(routine: .potrf, minor: start + failure.minor)
    }
    return count
  }

  private static func batched(
    _ blocks: UnsafeMutablePointer<Scalar>, count: Int, n: Int, workers: Int
  ) -> BatchedCholesky.Failure? {
    if Scalar.self == Float.self {
      return Lapack.withFloat(blocks) {
        BatchedCholesky.invert($0, count: count, n: n, workers: workers)
      }
    }
    return Lapack.withDouble(blocks) {
      BatchedCholesky.invert($0, count: count, n: n, workers: workers)
    }
  }

  /// Threads for the batched kernel: OpenBLAS's thread count (the one
  /// setting for linear-algebra threads), once the blocks hold at least
  /// ``parallelWorkThreshold`` multiply-adds; one thread below that,
  /// where waking threads costs more than it saves.
  static func batchedWorkers(blocks: Int, split: Int) -> Int {
    let work = blocks * split * split * split / 2
    return work >= parallelWorkThreshold ? OpenBLAS.threads : 1
  }

  /// Multiply-adds from which the batched kernel runs on several threads.
  static var parallelWorkThreshold: Int { 1 << 20 }

  /// Copies each block's upper triangle into its lower triangle.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package mutating func completeLowerTriangles() {
    let ranges = partition.ranges
    let offsets = offsets
    packed.withUnsafeMutableBufferPointer { p in
      for (j, range) in ranges.enumerated() {
        let n = range.count
        let o = offsets[j]
        for c in 0..<n {
          for r in 0..<c { p[o + c + r * n] = p[o + r + c * n] }
        }
      }
    }
  }

  /// Overwrites the blocks with `other`'s, which has the same partition,
  /// without allocating (to restore an input between timed inversions).
  package mutating func copyBlocks(from other: BlockDiagonalMatrix) {
    precondition(other.partition == partition, "partitions differ")
    packed.withUnsafeMutableBufferPointer { p in
      other.packed.withUnsafeBufferPointer { q in
        guard let to = p.baseAddress, let from = q.baseAddress else { return }
        to.update(from: from, count: q.count)
      }
    }
  }

  /// The (row, column) in the dense matrix of packed element `k`.
  private func position(ofPacked k: Int) -> (Int, Int) {
    let j = offsets.lastIndex(where: { $0 <= k }) ?? 0
    let n = partition.ranges[j].count
    let local = k - offsets[j]
    let start = partition.ranges[j].lowerBound
    return (start + local % n, start + local / n)
  }
}
