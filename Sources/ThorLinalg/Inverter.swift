/// Inverts symmetric positive-definite matrices in place with a workspace
/// allocated once, so repeated inversions (profiling, training) allocate
/// nothing.
///
/// The input is read from its upper triangle. After ``invert(_:n:lda:)``
/// the upper triangle holds the inverse; the lower triangle is complete for
/// `.lu` and `.eigh` and stale for `.cholesky` (use a symmetric product such
/// as `?symm`, or ``Matrix/mirrorUpperToLower()``).
public final class Inverter<Scalar: LinalgScalar> {
  /// The method used.
  public let method: InversionMethod
  /// The largest dimension the workspace holds.
  public let maxDimension: Int
  private var pivots: [LAPACKInt]
  private var work: [Scalar]
  private var values: [Scalar]

  /// Creates an inverter for matrices up to `maxDimension`.
  public init(method: InversionMethod, maxDimension: Int) {
    self.method = method
    self.maxDimension = maxDimension
    let n = Swift.max(1, maxDimension)
    pivots = method == .lu ? [LAPACKInt](repeating: 0, count: n) : []
    switch method {
    case .cholesky: work = []
    case .lu: work = [Scalar](repeating: 0, count: n * 64)
    case .eigh: work = [Scalar](repeating: 0, count: n * n)
    }
    values = method == .eigh ? [Scalar](repeating: 0, count: n) : []
  }

  /// Inverts the `n x n` matrix at `a` (leading dimension `lda`) in place.
  /// The caller has checked that every element is finite.
  /// - Throws: ``LinearAlgebraError`` naming the routine that failed.
  public func invert(_ a: UnsafeMutablePointer<Scalar>, n: Int, lda: Int)
    throws(LinearAlgebraError)
  {
    precondition(n <= maxDimension, "matrix exceeds the inverter's workspace")
    guard n > 0 else { return }
    switch method {
    case .cholesky: try invertCholesky(a, n: n, lda: lda)
    case .lu: try invertLU(a, n: n, lda: lda)
    case .eigh: try invertEigh(a, n: n, lda: lda)
    }
  }

  private func invertCholesky(
    _ a: UnsafeMutablePointer<Scalar>, n: Int, lda: Int
  ) throws(LinearAlgebraError) {
    var info = Lapack.potrf(n: n, a, lda: lda)
    try check(info, routine: "potrf")
    info = Lapack.potri(n: n, a, lda: lda)
    if info > 0 { throw .singular(routine: "potri", pivot: Int(info)) }
    try check(info, routine: "potri")
  }

  private func invertLU(_ a: UnsafeMutablePointer<Scalar>, n: Int, lda: Int)
    throws(LinearAlgebraError)
  {
    var info = pivots.withUnsafeMutableBufferPointer {
      Lapack.getrf(n: n, a, lda: lda, pivots: $0.baseAddress!)
    }
    if info > 0 { throw .singular(routine: "getrf", pivot: Int(info)) }
    try check(info, routine: "getrf")
    let workCount = work.count
    info = pivots.withUnsafeBufferPointer { p in
      work.withUnsafeMutableBufferPointer { w in
        Lapack.getri(
          n: n, a, lda: lda, pivots: p.baseAddress!, work: w.baseAddress!,
          workCount: workCount)
      }
    }
    if info > 0 { throw .singular(routine: "getri", pivot: Int(info)) }
    try check(info, routine: "getri")
  }

  private func invertEigh(_ a: UnsafeMutablePointer<Scalar>, n: Int, lda: Int)
    throws(LinearAlgebraError)
  {
    let info = values.withUnsafeMutableBufferPointer {
      Lapack.syevd(n: n, a, lda: lda, $0.baseAddress!, vectors: true)
    }
    if info > 0 { throw .noConvergence(routine: "syevd", info: Int(info)) }
    try check(info, routine: "syevd")
    // A⁻¹ = W·Wᵀ with W = V·Λ^(-1/2): scale the eigenvector columns.
    for j in 0..<n {
      let lambda = values[j]
      guard lambda > 0 else {
        throw .notPositiveDefinite(routine: "syevd", minor: j + 1)
      }
      let scale = 1 / lambda.squareRoot()
      for i in 0..<n { a[i + j * lda] *= scale }
    }
    work.withUnsafeMutableBufferPointer { c in
      BLAS.syrk(
        .none, n: n, k: n, a: a, lda: lda, c: c.baseAddress!, ldc: n)
      for j in 0..<n {
        for i in 0...j {
          a[i + j * lda] = c[i + j * n]
          a[j + i * lda] = c[i + j * n]
        }
      }
    }
  }

  private func check(_ info: Int32, routine: String)
    throws(LinearAlgebraError)
  {
    if info < 0 { throw .invalidArgument(routine: routine, argument: -Int(info)) }
    if info > 0 && routine == "potrf" {
      throw .notPositiveDefinite(routine: routine, minor: Int(info))
    }
  }
}
