/// Dense symmetric blocks copied out of a larger, nearly symmetric matrix:
/// the copy is replaced by its symmetric part `(B + Bᵀ)/2`, walking
/// 64 x 64 tiles so that both halves stay in cache.
package enum SymmetricBlock {
  private static let tile = 64

  /// Fills the `d x d` column-major storage at `storage` with `copy`, then,
  /// unless the source `isSymmetric`, replaces it by its symmetric part.
  package static func fill(
    _ storage: UnsafeMutablePointer<Double>, dimension d: Int,
    isSymmetric: Bool, copy: (UnsafeMutablePointer<Double>) -> Void
  ) {
    copy(storage)
    if !isSymmetric { symmetrize(storage, dimension: d) }
  }

  /// Replaces every pair `aᵢⱼ, aⱼᵢ` of the `d x d` column-major matrix at
  /// `a` by its mean.
  private static func symmetrize(
    _ a: UnsafeMutablePointer<Double>, dimension d: Int
  ) {
    for j0 in stride(from: 0, to: d, by: tile) {
      let j1 = Swift.min(d, j0 + tile)
      for i0 in stride(from: 0, through: j0, by: tile) {
        let i1 = Swift.min(d, i0 + tile)
        for j in j0..<j1 {
          let column = a + j * d
          for i in i0..<Swift.min(i1, j) {
            let mean = (column[i] + a[j + i * d]) / 2
            column[i] = mean
            a[j + i * d] = mean
          }
        }
      }
    }
  }
}

extension Matrix where Scalar == Double {
  /// A `d x d` matrix filled by `copy` and made symmetric unless the
  /// source `isSymmetric`, as ``SymmetricBlock`` does.
  package static func symmetricBlock(
    dimension d: Int, isSymmetric: Bool,
    copy: (UnsafeMutablePointer<Double>) -> Void
  ) -> Matrix {
    var block = Matrix(rows: d, columns: d)
    block.withUnsafeMutableElements { elements in
      SymmetricBlock.fill(
        elements.baseAddress!, dimension: d, isSymmetric: isSymmetric,
        copy: copy)
    }
    return block
  }
}
