/// How ``BlockDiagonalMatrix/invert(method:path:)`` inverts the blocks.
package enum BlockInversionPath: String, Sendable, CaseIterable {
  /// The batched SIMD kernel for Cholesky at small splits (up to
  /// ``BlockDiagonalMatrix/batchedSplitLimit``), LAPACK otherwise.
  case automatic
  /// One LAPACK call sequence per block (`potrf` + `potri` for Cholesky).
  case lapack
  /// The batched SIMD Cholesky kernel whatever the split, for every full
  /// block but a last group that would fill less than half the lanes; the
  /// remainder block goes to LAPACK (Cholesky only; other methods use
  /// LAPACK throughout).
  case batched
}
