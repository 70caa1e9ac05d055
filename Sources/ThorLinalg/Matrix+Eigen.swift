extension Matrix {
  /// All eigenvalues of a symmetric matrix, ascending (`?syevd`, upper
  /// triangle read).
  /// - Throws: ``LinearAlgebraError`` for non-square or non-finite input,
  ///   or when the solver does not converge.
  public func symmetricEigenvalues() throws(LinearAlgebraError) -> [Scalar] {
    guard isSquare else { throw .notSquare(rows: rows, columns: columns) }
    try checkFinite()
    guard rows > 0 else { return [] }
    var a = storage
    var w = [Scalar](repeating: 0, count: rows)
    let n = rows
    let info = a.withUnsafeMutableBufferPointer { a in
      w.withUnsafeMutableBufferPointer {
        Lapack.syevd(
          n: n, a.baseAddress!, lda: n, $0.baseAddress!, vectors: false)
      }
    }
    try Self.checkEigen(info, routine: "syevd")
    return w
  }

  /// The largest eigenvalue of a symmetric matrix (`?syevr` asked for one
  /// value; upper triangle read).
  /// - Throws: as ``symmetricEigenvalues()``.
  public func largestSymmetricEigenvalue() throws(LinearAlgebraError)
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
    try Self.checkEigen(info, routine: "syevr")
    return w[0]
  }

  private static func checkEigen(_ info: Int32, routine: String)
    throws(LinearAlgebraError)
  {
    if info < 0 {
      throw .invalidArgument(routine: routine, argument: -Int(info))
    }
    if info > 0 { throw .noConvergence(routine: routine, info: Int(info)) }
  }
}
