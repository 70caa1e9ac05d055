internal import CLapack

/// `lapack_int` is a macro in C; LP64 OpenBLAS uses 32-bit integers.
typealias LAPACKInt = Int32

/// Precision-generic entry points to the LAPACK and BLAS routines we use.
///
/// Each routine dispatches on `T` to the `s` or `d` variant; after
/// specialization the branch folds away. The `_work` LAPACKE variants skip
/// LAPACKE's NaN scan: callers check finiteness once, up front.
enum Lapack {
  static let upper = CChar(UInt8(ascii: "U"))

  /// Calls `float` or `double` with `p` rebound to the precision `T` is.
  @inline(__always)
  private static func rebound<T, R>(
    _ p: UnsafeMutablePointer<T>, _ float: (UnsafeMutablePointer<Float>) -> R,
    _ double: (UnsafeMutablePointer<Double>) -> R
  ) -> R {
    T.self == Float.self ? withFloat(p, float) : withDouble(p, double)
  }

  /// Cholesky factorization (`?potrf`) of the upper triangle, in place.
  static func potrf<T: LinalgScalar>(
    n: Int, _ a: UnsafeMutablePointer<T>, lda: Int
  ) -> Int32 {
    rebound(a) {
      LAPACKE_spotrf_work(
        LAPACK_COL_MAJOR, upper, LAPACKInt(n), $0, LAPACKInt(lda))
    } _: {
      LAPACKE_dpotrf_work(
        LAPACK_COL_MAJOR, upper, LAPACKInt(n), $0, LAPACKInt(lda))
    }
  }

  /// Inverse from a Cholesky factor (`?potri`), upper triangle, in place.
  static func potri<T: LinalgScalar>(
    n: Int, _ a: UnsafeMutablePointer<T>, lda: Int
  ) -> Int32 {
    rebound(a) {
      LAPACKE_spotri_work(
        LAPACK_COL_MAJOR, upper, LAPACKInt(n), $0, LAPACKInt(lda))
    } _: {
      LAPACKE_dpotri_work(
        LAPACK_COL_MAJOR, upper, LAPACKInt(n), $0, LAPACKInt(lda))
    }
  }

  /// LU factorization with partial pivoting (`?getrf`), in place.
  static func getrf<T: LinalgScalar>(
    n: Int, _ a: UnsafeMutablePointer<T>, lda: Int,
    pivots: UnsafeMutablePointer<LAPACKInt>
  ) -> Int32 {
    let n32 = LAPACKInt(n)
    let lda32 = LAPACKInt(lda)
    return rebound(a) {
      LAPACKE_sgetrf_work(LAPACK_COL_MAJOR, n32, n32, $0, lda32, pivots)
    } _: {
      LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, n32, n32, $0, lda32, pivots)
    }
  }

  /// The optimal workspace length of `?getri` for order `n`, from
  /// LAPACK's workspace query (`lwork = -1`); at least `n`.
  static func getriWorkspace<T: LinalgScalar>(_: T.Type, n: Int) -> Int {
    var a: T = 0
    var optimal: T = 0
    var pivot: LAPACKInt = 1
    let info = getri(
      n: n, &a, lda: Swift.max(1, n), pivots: &pivot, work: &optimal,
      workCount: -1)
    let queried = info == 0 ? Int(optimal) : 0
    return Swift.max(1, n, queried)
  }

  /// Inverse from an LU factorization (`?getri`), in place.
  static func getri<T: LinalgScalar>(
    n: Int, _ a: UnsafeMutablePointer<T>, lda: Int,
    pivots: UnsafePointer<LAPACKInt>, work: UnsafeMutablePointer<T>,
    workCount: Int
  ) -> Int32 {
    let n32 = LAPACKInt(n)
    let lda32 = LAPACKInt(lda)
    let lw = LAPACKInt(workCount)
    if T.self == Float.self {
      return withFloat(a) { a in
        withFloat(work) {
          LAPACKE_sgetri_work(LAPACK_COL_MAJOR, n32, a, lda32, pivots, $0, lw)
        }
      }
    }
    return withDouble(a) { a in
      withDouble(work) {
        LAPACKE_dgetri_work(LAPACK_COL_MAJOR, n32, a, lda32, pivots, $0, lw)
      }
    }
  }

  /// Workspace lengths (`lwork`, `liwork`) `?syevd` needs for order `n`,
  /// the minimums LAPACK documents (cheaper than a workspace query).
  static func syevdWorkspace(n: Int, vectors: Bool) -> (work: Int, iwork: Int) {
    guard n > 1 else { return (1, 1) }
    return vectors ? (1 + 6 * n + 2 * n * n, 3 + 5 * n) : (2 * n + 1, 1)
  }

  /// All eigenvalues, optionally eigenvectors, of a symmetric matrix
  /// (`?syevd`, upper triangle). Eigenvalues ascend into `w`; `work` and
  /// `iwork` hold at least ``syevdWorkspace(n:vectors:)`` elements.
  static func syevd<T: LinalgScalar>(
    n: Int, _ a: UnsafeMutablePointer<T>, lda: Int,
    _ w: UnsafeMutablePointer<T>, vectors: Bool,
    work: UnsafeMutablePointer<T>, iwork: UnsafeMutablePointer<LAPACKInt>
  ) -> Int32 {
    let job = CChar(UInt8(ascii: vectors ? "V" : "N"))
    let n32 = LAPACKInt(n)
    let lda32 = LAPACKInt(lda)
    let (lwork, liwork) = syevdWorkspace(n: n, vectors: vectors)
    if T.self == Float.self {
      return withFloat(a) { a in
        withFloat(w) { w in
          withFloat(work) { work in
            LAPACKE_ssyevd_work(
              LAPACK_COL_MAJOR, job, upper, n32, a, lda32, w, work,
              LAPACKInt(lwork), iwork, LAPACKInt(liwork))
          }
        }
      }
    }
    return withDouble(a) { a in
      withDouble(w) { w in
        withDouble(work) { work in
          LAPACKE_dsyevd_work(
            LAPACK_COL_MAJOR, job, upper, n32, a, lda32, w, work,
            LAPACKInt(lwork), iwork, LAPACKInt(liwork))
        }
      }
    }
  }

  /// Eigenvalues with indices `first...last` (1-based, ascending) of a
  /// symmetric matrix (`?syevr`, values only). Destroys `a`.
  static func syevr<T: LinalgScalar>(
    n: Int, _ a: UnsafeMutablePointer<T>, lda: Int, first: Int, last: Int,
    _ w: UnsafeMutablePointer<T>
  ) -> Int32 {
    let jobz = CChar(UInt8(ascii: "N"))
    let range = CChar(UInt8(ascii: "I"))
    let n32 = LAPACKInt(n)
    let lda32 = LAPACKInt(lda)
    var found: LAPACKInt = 0
    var support = [LAPACKInt](repeating: 0, count: 2 * Swift.max(1, n))
    let lwork = Swift.max(1, 26 * n)
    let liwork = Swift.max(1, 10 * n)
    var iwork = [LAPACKInt](repeating: 0, count: liwork)
    var z: T = 0
    if T.self == Float.self {
      var work = [Float](repeating: 0, count: lwork)
      return withFloat(a) { a in
        withFloat(w) { w in
          withFloat(&z) { z in
            LAPACKE_ssyevr_work(
              LAPACK_COL_MAJOR, jobz, range, upper, n32, a, lda32, 0, 0,
              LAPACKInt(first), LAPACKInt(last), 0, &found, w, z, 1,
              &support, &work, LAPACKInt(lwork), &iwork, LAPACKInt(liwork))
          }
        }
      }
    }
    var work = [Double](repeating: 0, count: lwork)
    return withDouble(a) { a in
      withDouble(w) { w in
        withDouble(&z) { z in
          LAPACKE_dsyevr_work(
            LAPACK_COL_MAJOR, jobz, range, upper, n32, a, lda32, 0, 0,
            LAPACKInt(first), LAPACKInt(last), 0, &found, w, z, 1,
            &support, &work, LAPACKInt(lwork), &iwork, LAPACKInt(liwork))
        }
      }
    }
  }

  @inline(__always)
  static func withFloat<T, R>(
    _ p: UnsafeMutablePointer<T>, _ body: (UnsafeMutablePointer<Float>) -> R
  ) -> R {
    UnsafeMutableRawPointer(p).withMemoryRebound(
      to: Float.self, capacity: 1, body)
  }

  @inline(__always)
  static func withDouble<T, R>(
    _ p: UnsafeMutablePointer<T>, _ body: (UnsafeMutablePointer<Double>) -> R
  ) -> R {
    UnsafeMutableRawPointer(p).withMemoryRebound(
      to: Double.self, capacity: 1, body)
  }

  @inline(__always)
  static func withFloat<T, R>(
    _ p: UnsafePointer<T>, _ body: (UnsafePointer<Float>) -> R
  ) -> R {
    UnsafeRawPointer(p).withMemoryRebound(to: Float.self, capacity: 1, body)
  }

  @inline(__always)
  static func withDouble<T, R>(
    _ p: UnsafePointer<T>, _ body: (UnsafePointer<Double>) -> R
  ) -> R {
    UnsafeRawPointer(p).withMemoryRebound(to: Double.self, capacity: 1, body)
  }
}
