/// How a symmetric positive-definite matrix is inverted.
package enum InversionMethod: String, Sendable, Codable, CaseIterable {
  /// Cholesky factorization and inverse (`potrf` + `potri`).
  case cholesky
  /// LU factorization with pivoting and inverse (`getrf` + `getri`).
  case lu
  /// Symmetric eigendecomposition (`syevd`), `V·Λ⁻¹·Vᵀ`.
  case eigh
}
