extension Matrix {
  /// A matrix of independent uniform values in `[-1, 1]`.
  package static func random(
    rows: Int, columns: Int, using generator: inout some RandomNumberGenerator
  ) -> Matrix {
    var m = Matrix(rows: rows, columns: columns)
    for k in m.storage.indices {
      m.storage[k] = Scalar(Double.random(in: -1...1, using: &generator))
    }
    return m
  }

  /// A random symmetric positive-definite `n x n` matrix `XᵀX/n + I`
  /// (`X` uniform in `[-1, 1]`), complete. Its eigenvalues are at least 1
  /// and, with high probability, below 2.5: well conditioned.
  package static func randomPositiveDefinite(
    _ n: Int, using generator: inout some RandomNumberGenerator
  ) -> Matrix {
    var a = random(rows: n, columns: n, using: &generator)
      .gram(scaledBy: 1 / Scalar(Swift.max(n, 1)))
    a.addToDiagonal(1)
    return a
  }
}
