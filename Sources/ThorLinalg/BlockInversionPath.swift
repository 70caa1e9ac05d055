/// How ``BlockDiagonalMatrix/invert(method:path:)`` inverts the blocks.
public enum BlockInversionPath: String, Sendable, CaseIterable {
  /// The batched SIMD kernel for Cholesky at small splits (up to
  /// ``BlockDiagonalMatrix/batchedSplitLimit``), LAPACK otherwise.
  case automatic
  /// One LAPACK call sequence per block (`potrf` + `potri` for Cholesky).
  case lapack
  /// The batched SIMD Cholesky kernel for every block, whatever the split
  /// (Cholesky only; other methods fall back to LAPACK).
  case batched
}
