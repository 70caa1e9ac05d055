import ThorLinalg

extension KroneckerFactors {
  /// Factors given whole (a factor dump's `A` and `G`, symmetric), as one
  /// estimate: what ``KFACOptimizer/directions(configuration:layers:)``
  /// inverts.
  package init(layerName: String, a: Matrix<Float>, g: Matrix<Float>) {
    precondition(a.isSquare && g.isSquare, "factors must be square")
    self.init(
      layerName: layerName, inputDimension: a.rows, outputDimension: g.rows)
    upperA = a
    upperG = g
    estimateCount = 1
  }
}
