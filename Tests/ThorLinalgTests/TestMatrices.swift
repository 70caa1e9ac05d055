@testable import ThorLinalg

extension Matrix {
  /// A matrix of uniform values in [-1, 1].
  static func random(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var rng = SplitMix64(seed: seed)
    return random(rows: rows, columns: columns, using: &rng)
  }

  /// A random symmetric positive-definite matrix `XᵀX/n + I`.
  static func wellConditioned(_ n: Int, seed: UInt64) -> Matrix {
    var rng = SplitMix64(seed: seed)
    return randomPositiveDefinite(n, using: &rng)
  }

  /// The tridiagonal matrix with 2 on the diagonal and -1 beside it.
  static func secondDifference(_ n: Int) -> Matrix {
    Matrix(rows: n, columns: n) { i, j in
      i == j ? 2 : abs(i - j) == 1 ? -1 : 0
    }
  }

  /// The product by textbook triple loops, independent of BLAS.
  func naiveProduct(_ other: Matrix) -> Matrix {
    precondition(columns == other.rows)
    var c = Matrix(rows: rows, columns: other.columns)
    for i in 0..<rows {
      for j in 0..<other.columns {
        var sum: Double = 0
        for k in 0..<columns { sum += Double(self[i, k] * other[k, j]) }
        c[i, j] = Scalar(sum)
      }
    }
    return c
  }

  /// The transpose by a plain loop, independent of ``transposed()``.
  func naiveTranspose() -> Matrix {
    Matrix(rows: columns, columns: rows) { i, j in self[j, i] }
  }

  /// The largest absolute element.
  var maxAbs: Scalar { storage.map { abs($0) }.max() ?? 0 }
}

/// Tolerance scaled to a precision: `factor` units of roundoff.
func roundoff<T: LinalgScalar>(_: T.Type, _ factor: Double) -> T {
  T(factor) * T.ulpOfOne
}
