/// How ``BlockDiagonalMatrix/rightMultiply(_:rows:ld:path:)`` and
/// ``BlockDiagonalMatrix/leftMultiply(_:columns:ld:path:)`` compute.
///
/// At split 1 the matrix is diagonal, and one `?symm` per 1 x 1 block
/// costs far more than the multiplication (`thor-bench block-products`
/// times both paths), so `.automatic` scales instead.
package enum BlockProductPath: String, Sendable, CaseIterable {
  /// An element-wise scaling at split 1, `?symm` per block otherwise.
  case automatic
  /// One `?symm` call per block, whatever the split.
  case blas

  /// Whether a matrix split at `split` is applied as a scaling.
  func scales(split: Int) -> Bool { self == .automatic && split == 1 }
}
