/// The Eq. 11 losses of one factor at every candidate split (README, "File
/// formats and definitions"): `L(s) = 1 − max_j ‖A_jj‖₂ / ‖A‖₂`.
package struct SplitLosses: Sendable, Equatable {
  /// The factor's dimension `d`.
  package var dimension: Int
  /// `‖A‖₂`, the largest eigenvalue of the positive semi-definite factor.
  package var spectralNorm: Double
  /// `max_j ‖A_jj‖₂` per candidate, aligned with the candidates analysed.
  package var blockNorms: [Double]

  package init(dimension: Int, spectralNorm: Double, blockNorms: [Double]) {
    self.dimension = dimension
    self.spectralNorm = spectralNorm
    self.blockNorms = blockNorms
  }

  /// Whether the factor is all zero, so that no loss is defined.
  package var isZero: Bool { spectralNorm == 0 }

  /// The loss per candidate, clamped to `[0, 1]` against rounding; `nil`
  /// for an all-zero factor (no division by zero).
  package var losses: [Double]? {
    guard !isZero else { return nil }
    return blockNorms.map { Swift.min(1, Swift.max(0, 1 - $0 / spectralNorm)) }
  }
}
