import ThorLinalg

extension Matrix {
  /// A random symmetric positive-definite `n x n` matrix `XᵀX/n + I`, with
  /// `X` uniform in [-1, 1] from `generator`.
  ///
  /// Its eigenvalues lie in about [1, 2.4], so every inversion method is
  /// accurate on it and a residual check can use a tight tolerance.
  static func randomSPD(
    _ n: Int, using generator: inout some RandomNumberGenerator
  ) -> Matrix {
    var x = Matrix(rows: n, columns: n)
    x.withUnsafeMutableElements { elements in
      for k in elements.indices {
        elements[k] = Scalar.random(in: -1...1, using: &generator)
      }
    }
    var a = x.gram(scaledBy: 1 / Scalar(n))
    a.addToDiagonal(1)
    return a
  }
}
