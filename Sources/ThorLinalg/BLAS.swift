internal import CLapack

/// Whether a BLAS operand is used as stored or transposed.
package enum Transpose: Sendable {
  case none
  case transposed

  var cblas: CBLAS_TRANSPOSE {
    self == .none ? CblasNoTrans : CblasTrans
  }
}

/// Column-major BLAS routines on raw buffers, for hot loops that work on
/// sub-blocks of larger arrays (leading dimensions as in BLAS).
package enum BLAS {
  /// `C ← α·op(A)·op(B) + β·C` (`?gemm`); `op(A)` is `m x k`, `op(B)` `k x n`.
  package static func gemm<T: LinalgScalar>(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: T = 1, a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>,
    ldb: Int, beta: T = 0, c: UnsafeMutablePointer<T>, ldc: Int
  ) {
    guard m > 0, n > 0 else { return }
    let m32 = Int32(m)
    let n32 = Int32(n)
    let k32 = Int32(k)
    if T.self == Float.self {
      Lapack.withFloat(a) { a in
        Lapack.withFloat(b) { b in
          Lapack.withFloat(c) { c in
            cblas_sgemm(
              CblasColMajor, transA.cblas, transB.cblas, m32, n32, k32,
              Float(alpha), a, Int32(lda), b, Int32(ldb), Float(beta), c,
              Int32(ldc))
          }
        }
      }
    } else {
      Lapack.withDouble(a) { a in
        Lapack.withDouble(b) { b in
          Lapack.withDouble(c) { c in
            cblas_dgemm(
              CblasColMajor, transA.cblas, transB.cblas, m32, n32, k32,
              Double(alpha), a, Int32(lda), b, Int32(ldb), Double(beta), c,
              Int32(ldc))
          }
        }
      }
    }
  }

  /// Upper triangle of `C ← α·op(A)·op(A)ᵀ + β·C` (`?syrk`), `C` is `n x n`;
  /// `op(A)` is `n x k` (`.none`) or `Aᵀ` with `A` `k x n` (`.transposed`).
  package static func syrk<T: LinalgScalar>(
    _ trans: Transpose, n: Int, k: Int, alpha: T = 1, a: UnsafePointer<T>,
    lda: Int, beta: T = 0, c: UnsafeMutablePointer<T>, ldc: Int
  ) {
    guard n > 0 else { return }
    if T.self == Float.self {
      Lapack.withFloat(a) { a in
        Lapack.withFloat(c) { c in
          cblas_ssyrk(
            CblasColMajor, CblasUpper, trans.cblas, Int32(n), Int32(k),
            Float(alpha), a, Int32(lda), Float(beta), c, Int32(ldc))
        }
      }
    } else {
      Lapack.withDouble(a) { a in
        Lapack.withDouble(c) { c in
          cblas_dsyrk(
            CblasColMajor, CblasUpper, trans.cblas, Int32(n), Int32(k),
            Double(alpha), a, Int32(lda), Double(beta), c, Int32(ldc))
        }
      }
    }
  }

  /// `y ← α·op(A)·x + β·y` (`?gemv`), `A` is `m x n` as stored.
  package static func gemv<T: LinalgScalar>(
    _ trans: Transpose, m: Int, n: Int, alpha: T = 1, a: UnsafePointer<T>,
    lda: Int, x: UnsafePointer<T>, beta: T = 0, y: UnsafeMutablePointer<T>
  ) {
    guard m > 0, n > 0 else { return }
    if T.self == Float.self {
      Lapack.withFloat(a) { a in
        Lapack.withFloat(x) { x in
          Lapack.withFloat(y) { y in
            cblas_sgemv(
              CblasColMajor, trans.cblas, Int32(m), Int32(n), Float(alpha),
              a, Int32(lda), x, 1, Float(beta), y, 1)
          }
        }
      }
    } else {
      Lapack.withDouble(a) { a in
        Lapack.withDouble(x) { x in
          Lapack.withDouble(y) { y in
            cblas_dgemv(
              CblasColMajor, trans.cblas, Int32(m), Int32(n), Double(alpha),
              a, Int32(lda), x, 1, Double(beta), y, 1)
          }
        }
      }
    }
  }

  /// `y ← α·A·x + β·y` for symmetric `A` (`?symv`, upper triangle read).
  package static func symv<T: LinalgScalar>(
    n: Int, alpha: T = 1, a: UnsafePointer<T>, lda: Int,
    x: UnsafePointer<T>, beta: T = 0, y: UnsafeMutablePointer<T>
  ) {
    guard n > 0 else { return }
    if T.self == Float.self {
      Lapack.withFloat(a) { a in
        Lapack.withFloat(x) { x in
          Lapack.withFloat(y) { y in
            cblas_ssymv(
              CblasColMajor, CblasUpper, Int32(n), Float(alpha), a,
              Int32(lda), x, 1, Float(beta), y, 1)
          }
        }
      }
    } else {
      Lapack.withDouble(a) { a in
        Lapack.withDouble(x) { x in
          Lapack.withDouble(y) { y in
            cblas_dsymv(
              CblasColMajor, CblasUpper, Int32(n), Double(alpha), a,
              Int32(lda), x, 1, Double(beta), y, 1)
          }
        }
      }
    }
  }

  /// `C ← α·A·B + β·C` (`.left`) or `C ← α·B·A + β·C` (`.right`) for
  /// symmetric `A` (`?symm`, upper triangle read); `C` is `m x n`.
  package static func symm<T: LinalgScalar>(
    _ side: Side, m: Int, n: Int, alpha: T = 1, a: UnsafePointer<T>,
    lda: Int, b: UnsafePointer<T>, ldb: Int, beta: T = 0,
    c: UnsafeMutablePointer<T>, ldc: Int
  ) {
    guard m > 0, n > 0 else { return }
    let cSide = side == .left ? CblasLeft : CblasRight
    if T.self == Float.self {
      Lapack.withFloat(a) { a in
        Lapack.withFloat(b) { b in
          Lapack.withFloat(c) { c in
            cblas_ssymm(
              CblasColMajor, cSide, CblasUpper, Int32(m), Int32(n),
              Float(alpha), a, Int32(lda), b, Int32(ldb), Float(beta), c,
              Int32(ldc))
          }
        }
      }
    } else {
      Lapack.withDouble(a) { a in
        Lapack.withDouble(b) { b in
          Lapack.withDouble(c) { c in
            cblas_dsymm(
              CblasColMajor, cSide, CblasUpper, Int32(m), Int32(n),
              Double(alpha), a, Int32(lda), b, Int32(ldb), Double(beta), c,
              Int32(ldc))
          }
        }
      }
    }
  }

  /// `y ← α·x + y` (`?axpy`) over `count` contiguous elements.
  package static func axpy<T: LinalgScalar>(
    count: Int, alpha: T, x: UnsafePointer<T>, y: UnsafeMutablePointer<T>
  ) {
    guard count > 0 else { return }
    if T.self == Float.self {
      Lapack.withFloat(x) { x in
        Lapack.withFloat(y) { y in
          cblas_saxpy(Int32(count), Float(alpha), x, 1, y, 1)
        }
      }
    } else {
      Lapack.withDouble(x) { x in
        Lapack.withDouble(y) { y in
          cblas_daxpy(Int32(count), Double(alpha), x, 1, y, 1)
        }
      }
    }
  }

  /// Which side a symmetric operand multiplies from.
  package enum Side: Sendable {
    case left
    case right
  }
}
