import ThorFormats

extension Matrix {
  /// The inverse of a symmetric positive-definite matrix, complete and
  /// symmetric. Reads the upper triangle.
  /// - Throws: ``LinearAlgebraError`` when the matrix is not square, holds
  ///   NaN or infinity, or the routine fails (not positive definite,
  ///   singular, no convergence).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func inverted(method: InversionMethod = .cholesky)
    throws(LinearAlgebraError) -> Matrix
  {
    guard isSquare else { throw .notSquare(rows: rows, columns: columns) }
    try checkFinite()
    var result = self
    let inverter = Inverter<Scalar>(method: method, maxDimension: rows)
    let n = rows
    try result.storage.withUnsafeMutableBufferPointer {
      (a) throws(LinearAlgebraError) in
      guard let base = a.baseAddress else { return }
      try inverter.invert(base, n: n, lda: n)
    }
    if method == .cholesky { result.mirrorUpperToLower() }
    return result
  }

  /// The inverse of a general square matrix through LU (`getrf` + `getri`).
  /// - Throws: ``LinearAlgebraError/singular(routine:pivot:)`` and the
  ///   errors of ``inverted(method:)``.
  package func luInverted() throws(LinearAlgebraError) -> Matrix {
    try inverted(method: .lu)
  }
}
