/// Failures of the linear-algebra core, each naming the routine involved.
package enum LinearAlgebraError: Error, Equatable, Sendable {
  /// The operation needs a square matrix.
  case notSquare(rows: Int, columns: Int)
  /// The input holds NaN or infinity; it never reaches LAPACK.
  case nonFinite(row: Int, column: Int)
  /// Cholesky factorization failed: the leading minor of this order is not
  /// positive definite.
  case notPositiveDefinite(routine: LapackRoutine, minor: Int)
  /// LU factorization hit an exactly zero pivot.
  case singular(routine: LapackRoutine, pivot: Int)
  /// An eigenvalue solver did not converge.
  case noConvergence(routine: LapackRoutine, info: Int)
  /// LAPACK rejected an argument: a bug in this package.
  case invalidArgument(routine: LapackRoutine, argument: Int)
}

extension LinearAlgebraError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .notSquare(let r, let c):
      "expected a square matrix, got \(r)x\(c)"
    case .nonFinite(let r, let c):
      "matrix holds a NaN or infinite value at row \(r), column \(c)"
    case .notPositiveDefinite(let routine, let minor):
      "\(routine.rawValue): matrix is not positive definite "
        + "(leading minor of order \(minor))"
    case .singular(let routine, let pivot):
      "\(routine.rawValue): matrix is singular (zero pivot at \(pivot))"
    case .noConvergence(let routine, let info):
      "\(routine.rawValue): failed to converge "
        + "(\(info) off-diagonal elements)"
    case .invalidArgument(let routine, let argument):
      "\(routine.rawValue): argument \(argument) invalid "
        + "(a bug in thor-tune)"
    }
  }
}
