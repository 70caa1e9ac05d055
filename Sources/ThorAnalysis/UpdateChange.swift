import ThorLinalg

/// What a split does to the update the trainer applies (README, "File formats
/// and definitions", update change). For a factor `A`, its split `Â`, the
/// factor damping `γ`, `M = (A + γI)⁻¹` and `B = (Â + γI)⁻¹`:
///
///     δ(s)  = ‖B − M‖_F / ‖M‖_F
///     δ₊(s) = √(tr((B − M) A (B − M)) / tr(M A M))
///
/// `δ` is the relative change of the preconditioned direction `M v`
/// averaged over random directions `v` (`E‖M v‖² = ‖M‖_F²` for independent
/// unit entries), and so of `X M` for any other factor's contribution `X`.
/// `δ₊` averages over directions distributed as the factor itself, `v ~
/// N(0, A)`: the per-sample gradient `g aᵀ` has its `A`-side part `a`
/// distributed so (and its `G`-side part `g` as `G`). Unlike Eq. 11 both
/// weigh the small eigenvalues the damped inverse amplifies.
///
/// The damped inverses are computed the way the trainer computes them
/// (``BlockDiagonalMatrix/invert(method:path:)``, Cholesky), in `Float64`:
/// the whole factor once, `O(d³)`, then each candidate's blocks. `δ₊` needs
/// no product with `A`: `M A = I − γM` and `B_j A_jj = I − γB_j` give
/// `tr((B − M) A (B − M)) = tr(M) − γ‖M‖² − tr(B) − γ‖B‖² + 2γ tr(BM)`.
package struct UpdateChange: Sendable {
  /// Both measures at every candidate split.
  package struct Changes: Sendable, Equatable {
    /// `δ`, random directions.
    package var directions: [Double]
    /// `δ₊`, directions distributed as the factor.
    package var gradients: [Double]

    package init(directions: [Double], gradients: [Double]) {
      self.directions = directions
      self.gradients = gradients
    }
  }

  /// The factor damping `γ` (`√λ` or `λ`, as the trainer's damping form).
  package var damping: Double

  /// - Precondition: `damping > 0`.
  package init(damping: Double) {
    precondition(damping > 0 && damping.isFinite, "damping must be positive")
    self.damping = damping
  }

  /// `δ(s)` and `δ₊(s)` for every candidate `s` (0 where `s ≥ d`).
  /// - Parameter a: a symmetric positive semi-definite factor.
  /// - Throws: ``LinearAlgebraError`` when Cholesky fails (a factor that
  ///   is not positive semi-definite by more than `γ`).
  package func changes(of a: Matrix<Double>, candidates: [Int])
    throws(LinearAlgebraError) -> Changes
  {
    guard a.isSquare else {
      throw .notSquare(rows: a.rows, columns: a.columns)
    }
    return try FactorView.with(a) { view throws(LinearAlgebraError) in
      try changes(of: view, candidates: candidates)
    }
  }

  /// Bytes this holds for a factor of dimension `d` split at most at
  /// `largestSplit`: the dense inverse and one candidate's blocks.
  package static func workspaceBytes(dimension d: Int, largestSplit: Int)
    -> Int
  {
    8 * d * (d + Swift.min(d, largestSplit))
  }

  /// As ``changes(of:candidates:)`` for a factor as stored: the blocks
  /// are widened from it, never the whole factor beside its inverse.
  func changes(of a: FactorView, candidates: [Int])
    throws(LinearAlgebraError) -> Changes
  {
    let d = a.dimension
    let zeros = candidates.map { _ in 0.0 }
    guard d > 0 else { return Changes(directions: zeros, gradients: zeros) }
    let exact = try dampedInverse(of: a, split: d).packed
    let gamma = damping
    var normM = 0.0
    var traceM = 0.0
    for x in exact { normM += x * x }
    for i in 0..<d { traceM += exact[i * (d + 1)] }
    let weightedM = traceM - gamma * normM
    var result = Changes(directions: [], gradients: [])
    for s in candidates {
      guard s < d else {
        result.directions.append(0)
        result.gradients.append(0)
        continue
      }
      let split = try dampedInverse(of: a, split: s)
      // Sums over the blocks: ‖B − M‖² − ‖M‖² restricted to them, ‖B‖²,
      // tr(B) and tr(BM).
      var change = 0.0
      var normB = 0.0
      var traceB = 0.0
      var traceBM = 0.0
      for (j, range) in split.partition.ranges.enumerated() {
        let n = range.count
        let offset = split.offsets[j]
        for c in 0..<n {
          let column = (range.lowerBound + c) * d + range.lowerBound
          for r in 0..<n {
            let e = exact[column + r]
            let b = split.packed[offset + c * n + r]
            change += (b - e) * (b - e) - e * e
            normB += b * b
            traceBM += b * e
          }
          traceB += split.packed[offset + c * (n + 1)]
        }
      }
      result.directions.append(
        (Swift.max(normM + change, 0) / normM).squareRoot())
      let weighted = weightedM - traceB - gamma * normB + 2 * gamma * traceBM
      result.gradients.append(
        weightedM > 0 ? (Swift.max(weighted, 0) / weightedM).squareRoot() : 0)
    }
    return result
  }

  /// `(diag blocks of a at split + γI)⁻¹`, both triangles set.
  private func dampedInverse(of a: FactorView, split: Int)
    throws(LinearAlgebraError) -> BlockDiagonalMatrix<Double>
  {
    var blocks = BlockDiagonalMatrix<Double>(
      dimension: a.dimension, split: split
    ) { range, storage in
      SymmetricBlock.fill(
        storage, dimension: range.count, isSymmetric: a.isSymmetric
      ) { a.block(rows: range, columns: range, into: $0) }
    }
    blocks.addToDiagonal(damping)
    try blocks.invert(method: .cholesky)
    blocks.completeLowerTriangles()
    return blocks
  }
}
