extension Matrix {
  /// The product `op(self) · op(other)` through BLAS `?gemm`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func multiplied(
    by other: Matrix, transposingSelf: Bool = false,
    transposingOther: Bool = false
  ) -> Matrix {
    let m = transposingSelf ? columns : rows
    let k = transposingSelf ? rows : columns
    let k2 = transposingOther ? other.columns : other.rows
    let n = transposingOther ? other.rows : other.columns
    precondition(k == k2, "inner dimensions differ: \(k) vs \(k2)")
    var c = Matrix(rows: m, columns: n)
    guard k > 0 else { return c }
    storage.withUnsafeBufferPointer { a in
      other.storage.withUnsafeBufferPointer { b in
        c.storage.withUnsafeMutableBufferPointer { out in
          BLAS.gemm(
            transposingSelf ? .transposed : .none,
            transposingOther ? .transposed : .none, m: m, n: n, k: k,
            a: a.baseAddress!, lda: Swift.max(1, rows), b: b.baseAddress!,
            ldb: Swift.max(1, other.rows), c: out.baseAddress!, ldc: m)
        }
      }
    }
    return c
  }

  /// `self · other`.
  package static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
    lhs.multiplied(by: rhs)
  }

  /// The Gram matrix `selfᵀ · self` (columns × columns) through `?syrk`,
  /// scaled by `alpha`; symmetric and complete.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func gram(scaledBy alpha: Scalar = 1) -> Matrix {
    var c = Matrix(rows: columns, columns: columns)
    guard rows > 0 else { return c }
    storage.withUnsafeBufferPointer { a in
      c.storage.withUnsafeMutableBufferPointer { out in
        BLAS.syrk(
          .transposed, n: columns, k: rows, alpha: alpha, a: a.baseAddress!,
          lda: rows, c: out.baseAddress!, ldc: columns)
      }
    }
    c.mirrorUpperToLower()
    return c
  }

  /// The product `op(self) · x` through `?gemv`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func multiplied(by x: [Scalar], transposingSelf: Bool = false)
    -> [Scalar]
  {
    precondition(x.count == (transposingSelf ? rows : columns))
    var y = [Scalar](repeating: 0, count: transposingSelf ? columns : rows)
    guard rows > 0, columns > 0 else { return y }
    storage.withUnsafeBufferPointer { a in
      x.withUnsafeBufferPointer { x in
        y.withUnsafeMutableBufferPointer { y in
          BLAS.gemv(
            transposingSelf ? .transposed : .none, m: rows, n: columns,
            a: a.baseAddress!, lda: rows, x: x.baseAddress!,
            y: y.baseAddress!)
        }
      }
    }
    return y
  }

  /// The product `self · x` of a symmetric matrix (upper triangle read)
  /// through `?symv`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func symmetricMultiplied(by x: [Scalar]) -> [Scalar] {
    precondition(isSquare && x.count == rows)
    var y = [Scalar](repeating: 0, count: rows)
    guard rows > 0 else { return y }
    storage.withUnsafeBufferPointer { a in
      x.withUnsafeBufferPointer { x in
        y.withUnsafeMutableBufferPointer { y in
          BLAS.symv(
            n: rows, a: a.baseAddress!, lda: rows, x: x.baseAddress!,
            y: y.baseAddress!)
        }
      }
    }
    return y
  }

  /// `self ← self + alpha·other` through `?axpy`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package mutating func add(_ other: Matrix, scaledBy alpha: Scalar = 1) {
    precondition(
      rows == other.rows && columns == other.columns, "shapes differ")
    let count = storage.count
    other.storage.withUnsafeBufferPointer { x in
      storage.withUnsafeMutableBufferPointer { y in
        BLAS.axpy(
          count: count, alpha: alpha, x: x.baseAddress!, y: y.baseAddress!)
      }
    }
  }

  /// Element-wise sum.
  package static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
    var out = lhs
    out.add(rhs)
    return out
  }

  /// Element-wise difference.
  package static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
    var out = lhs
    out.add(rhs, scaledBy: -1)
    return out
  }

  /// Every element scaled.
  package static func * (scale: Scalar, matrix: Matrix) -> Matrix {
    var out = matrix
    for k in out.storage.indices { out.storage[k] *= scale }
    return out
  }
}
