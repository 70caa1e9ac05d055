import ThorFormats
import ThorLinalg

/// One layer's second-order state: factors, their split inverses, the
/// trace-rule history, the momentum buffer and the Cholesky jitter.
final class LayerCurvature {
  let name: String
  var factors: KroneckerFactors
  let splits: FactorSplits
  /// `(A + γ_A I)⁻¹` and `(G + γ_G I)⁻¹`, split (upper triangles).
  var inverseA: BlockDiagonalMatrix<Float>?
  var inverseG: BlockDiagonalMatrix<Float>?
  var trace = TraceHistory()
  /// Extra diagonal added after Cholesky failed (grows, never shrinks).
  var jitterA: Float = 0
  var jitterG: Float = 0
  /// `v` of the momentum update, shaped like the parameters.
  var velocity: Matrix<Float>
  /// This step's preconditioned gradient.
  var direction: Matrix<Float>
  /// Decisions since the statistics were last taken.
  var decisions = EpochRecord.TraceDecisions()

  init(layer: any KroneckerFactoredLayer, splits: FactorSplits) {
    name = layer.name
    factors = KroneckerFactors(for: layer)
    self.splits = splits
    velocity = Matrix(
      rows: layer.outputDimension, columns: layer.inputDimension)
    direction = velocity
  }
}
