import ThorFormats

/// Inverts symmetric positive-definite matrices in place with a workspace
/// allocated once, so repeated inversions (profiling, training) allocate
/// nothing.
///
/// The input is read from its upper triangle. After ``invert(_:n:lda:)``
/// the upper triangle holds the inverse; the lower triangle is complete for
/// `.lu` and `.eigh` and stale for `.cholesky` (use a symmetric product such
/// as `?symm`, or ``Matrix/mirrorUpperToLower()``).
package final class Inverter<Scalar: LinalgScalar> {
  /// The method used.
  package let method: InversionMethod
  /// The largest dimension the workspace holds.
  package let maxDimension: Int
  private var pivots: [LAPACKInt]
  private var work: [Scalar]
  private var integerWork: [LAPACKInt]
  private var values: [Scalar]
  private var product: [Scalar]

  /// Creates an inverter for matrices up to `maxDimension`.
  ///
  /// `.lu` sizes `?getri`'s workspace by LAPACK's own workspace query;
  /// `.eigh` holds `?syevd`'s documented minimum workspace and an `n x n`
  /// product buffer.
  package init(method: InversionMethod, maxDimension: Int) {
    self.method = method
    self.maxDimension = maxDimension
    let n = Swift.max(1, maxDimension)
    let lu = method == .lu
    let eigh = method == .eigh
    let eighSizes = Lapack.syevdWorkspace(n: eigh ? n : 0, vectors: true)
    pivots = [LAPACKInt](repeating: 0, count: lu ? n : 0)
    work = [Scalar](
      repeating: 0,
      count: lu
        ? Lapack.getriWorkspace(Scalar.self, n: n)
        : eigh ? eighSizes.work : 0)
    integerWork = [LAPACKInt](repeating: 0, count: eigh ? eighSizes.iwork : 0)
    values = [Scalar](repeating: 0, count: eigh ? n : 0)
    product = [Scalar](repeating: 0, count: eigh ? n * n : 0)
  }

  /// Inverts the `n x n` matrix at `a` (leading dimension `lda`) in place.
  /// The caller has checked that every element is finite.
  /// - Throws: ``LinearAlgebraError`` naming the routine that failed.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func invert(_ a: UnsafeMutablePointer<Scalar>, n: Int, lda: Int)
    throws(LinearAlgebraError)
  {
    precondition(n <= maxDimension, "matrix exceeds the inverter's workspace")
    guard n > 0 else { return }
    precondition(lda >= n, "leading dimension below n")
    switch method {
    case .cholesky: try invertCholesky(a, n: n, lda: lda)
    case .lu: try invertLU(a, n: n, lda: lda)
    case .eigh: try invertEigh(a, n: n, lda: lda)
    }
  }

  private func invertCholesky(
    _ a: UnsafeMutablePointer<Scalar>, n: Int, lda: Int
  ) throws(LinearAlgebraError) {
    try LinearAlgebraError.check(
      Lapack.potrf(n: n, a, lda: lda), routine: .potrf)
    try LinearAlgebraError.check(
      Lapack.potri(n: n, a, lda: lda), routine: .potri)
  }

  private func invertLU(_ a: UnsafeMutablePointer<Scalar>, n: Int, lda: Int)
    throws(LinearAlgebraError)
  {
    let info = pivots.withUnsafeMutableBufferPointer {
      Lapack.getrf(n: n, a, lda: lda, pivots: $0.baseAddress!)
    }
    try LinearAlgebraError.check(info, routine: .getrf)
    let workCount = work.count
    let info2 = pivots.withUnsafeBufferPointer { p in
      work.withUnsafeMutableBufferPointer { w in
        Lapack.getri(
          n: n, a, lda: lda, pivots: p.baseAddress!, work: w.baseAddress!,
          workCount: workCount)
      }
    }
    try LinearAlgebraError.check(info2, routine: .getri)
  }

  private func invertEigh(_ a: UnsafeMutablePointer<Scalar>, n: Int, lda: Int)
    throws(LinearAlgebraError)
  {
    let info = values.withUnsafeMutableBufferPointer { w in
      work.withUnsafeMutableBufferPointer { work in
        integerWork.withUnsafeMutableBufferPointer { iwork in
          Lapack.syevd(
            n: n, a, lda: lda, w.baseAddress!, vectors: true,
            work: work.baseAddress!, iwork: iwork.baseAddress!)
        }
      }
    }
    try LinearAlgebraError.check(info, routine: .syevd)
    // A⁻¹ = W·Wᵀ with W = V·Λ^(-1/2): scale the eigenvector columns.
    // Eigenvalues ascend, so the first one decides definiteness.
    for j in 0..<n {
      let lambda = values[j]
      guard lambda > 0 else {
        throw .notPositiveDefinite(routine: .syevd, minor: j + 1)
      }
      let scale = 1 / lambda.squareRoot()
      for i in 0..<n { a[i + j * lda] *= scale }
    }
    product.withUnsafeMutableBufferPointer { c in
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
}
