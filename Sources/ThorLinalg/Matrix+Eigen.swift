extension Matrix {
  /// All eigenvalues of a symmetric matrix, ascending (`?syevd`, upper
  /// triangle read).
  /// - Throws: ``LinearAlgebraError`` for non-square or non-finite input,
  ///   or when the solver does not converge.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func symmetricEigenvalues() throws(LinearAlgebraError) -> [Scalar] {
    guard isSquare else { throw .notSquare(rows: rows, columns: columns) }
    try checkFinite()
    guard rows > 0 else { return [] }
    var a = storage
    var w = [Scalar](repeating: 0, count: rows)
    let n = rows
    let sizes = Lapack.syevdWorkspace(n: n, vectors: false)
    var work = [Scalar](repeating: 0, count: sizes.work)
    var iwork = [LAPACKInt](repeating: 0, count: sizes.iwork)
    let info = a.withUnsafeMutableBufferPointer { a in
      w.withUnsafeMutableBufferPointer {
        Lapack.syevd(
          n: n, a.baseAddress!, lda: n, $0.baseAddress!, vectors: false,
          work: &work, iwork: &iwork)
      }
    }
    try LinearAlgebraError.check(info, routine: .syevd)
    return w
  }

  /// The largest eigenvalue of a symmetric matrix (`?syevr` asked for one
  /// value; upper triangle read).
  /// - Throws: as ``symmetricEigenvalues()``.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func largestSymmetricEigenvalue() throws(LinearAlgebraError)
    -> Scalar
  {
    guard isSquare else { throw .notSquare(rows: rows, columns: columns) }
    try checkFinite()
    guard rows > 0 else { return 0 }
    var a = storage
    var w = [Scalar](repeating: 0, count: rows)
    let n = rows
    let info = a.withUnsafeMutableBufferPointer { a in
      w.withUnsafeMutableBufferPointer {
        Lapack.syevr(
          n: n, a.baseAddress!, lda: n, first: n, last: n, $0.baseAddress!)
      }
    }
    try LinearAlgebraError.check(info, routine: .syevr)
    return w[0]
  }
}
