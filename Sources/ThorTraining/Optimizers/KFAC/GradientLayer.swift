import ThorLinalg

/// A layer that is only a gradient: what
/// ``KFACOptimizer/directions(configuration:layers:)`` hands the
/// optimizer's preconditioning code. It records no factor statistics.
final class GradientLayer: KroneckerFactoredLayer {
  let name: String
  var parameters: Matrix<Float>
  let parameterGradient: Matrix<Float>
  var recordsFactorStatistics = false
  var batchSize: Int { 0 }

  init(name: String, gradient: Matrix<Float>) {
    self.name = name
    parameterGradient = gradient
    parameters = Matrix(rows: gradient.rows, columns: gradient.columns)
  }

  var outputDimension: Int { parameterGradient.rows }
  var inputDimension: Int { parameterGradient.columns }

  func withFactorInputs<R>(
    _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
  ) rethrows -> R {
    try body(UnsafeBufferPointer(start: nil, count: 0), inputDimension, 0)
  }

  func withFactorOutputGradients<R>(
    _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
  ) rethrows -> R {
    try body(UnsafeBufferPointer(start: nil, count: 0), outputDimension, 0)
  }
}
