/// The LAPACK routines whose failures the linear-algebra core reports,
/// by their precision-free names.
package enum LapackRoutine: String, Sendable, CaseIterable {
  case potrf, potri, trtri, getrf, getri, syevd, syevr
}
