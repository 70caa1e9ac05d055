extension LinearAlgebraError {
  /// Throws the error a LAPACK routine's `info` stands for; returns for 0.
  ///
  /// Negative `info` is an invalid argument (our bug). Positive `info` is
  /// mapped by routine: `potrf` reports the leading minor that is not
  /// positive definite, `potri`, `trtri`, `getrf` and `getri` an exactly
  /// zero pivot, `syevd` and `syevr` no convergence. No `info` is ignored.
  static func check(_ info: Int32, routine: LapackRoutine)
    throws(LinearAlgebraError)
  {
    guard info != 0 else { return }
    let k = Int(info)
    guard k > 0 else {
      throw .invalidArgument(routine: routine, argument: -k)
    }
    switch routine {
    case .potrf: throw .notPositiveDefinite(routine: routine, minor: k)
    case .syevd, .syevr: throw .noConvergence(routine: routine, info: k)
    case .potri, .trtri, .getrf, .getri:
      throw .singular(routine: routine, pivot: k)
    }
  }
}
