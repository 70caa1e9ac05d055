/// How the damping `λ` becomes the factor damping `γ` of Eq. 6,
/// `(G + γ_G I)⁻¹ ∇W (A + γ_A I)⁻¹`.
package enum DampingForm: String, Sendable, CaseIterable {
  /// `γ_A = γ_G = √λ`, as MindSpore's THOR code does (the default): the
  /// Kronecker product then carries about `λ` on its diagonal.
  case squareRoot = "sqrt"
  /// `γ_A = γ_G = λ`, as Eq. 6 writes it.
  case lambda
  /// Factored Tikhonov damping (Martens & Grosse 2015, §6.3):
  /// `γ_A = π√λ`, `γ_G = √λ/π` with `π² = (tr(A)/d_A) / (tr(G)/d_G)`.
  case pi

  /// `(γ_A, γ_G)` for damping `λ` and the factors' traces and dimensions.
  package func factorDamping(
    lambda: Double, traceA: Double, dimensionA: Int, traceG: Double,
    dimensionG: Int
  ) -> (a: Double, g: Double) {
    switch self {
    case .squareRoot:
      let root = lambda.squareRoot()
      return (root, root)
    case .lambda:
      return (lambda, lambda)
    case .pi:
      let root = lambda.squareRoot()
      let meanA = traceA / Double(max(dimensionA, 1))
      let meanG = traceG / Double(max(dimensionG, 1))
      guard meanA > 0, meanG > 0, meanA.isFinite, meanG.isFinite else {
        return (root, root)
      }
      let pi = (meanA / meanG).squareRoot()
      return (pi * root, root / pi)
    }
  }
}
