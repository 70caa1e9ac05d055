import ThorLinalg

/// A layer whose weight second-order optimizers precondition: its parameters
/// are one matrix [W | b] of d_out × (d_in + 1 when bias), column-major,
/// bias in the last column.
///
/// Scaling of the factor statistics (for `A = E[a aᵀ]`, `G = E[g gᵀ]`):
/// - ``factorInputs`` column `j` is the layer input `a` of sample (dense) or
///   sample·position (conv) `j`, followed by a 1 for the bias.
/// - ``factorOutputGradients`` column `j` is `∂(Σₙ ℓₙ)/∂sⱼ`, the gradient
///   of the batch's summed loss w.r.t. the pre-activation output `s`; for
///   dense layers that is each sample's own loss gradient `∂ℓₙ/∂sₙ`, with no
///   `1/N` factor. Dense: `count = N` (``batchSize``), so
///   `A = aaᵀ/N` and `G = ggᵀ/N` over the columns. Conv: `count = N·P`
///   with `P = count / batchSize` output positions; averaging over batch
///   and positions is the optimizer's choice (Grosse & Martens 2016).
/// - ``parameterGradient`` is the gradient of the MEAN batch loss, so
///   `parameterGradient = factorOutputGradients·factorInputsᵀ / N`.
///
/// The `Matrix` properties copy; the `with…` accessors lend the layer's own
/// buffers without copying and are the ones to use in hot paths. Both
/// describe the last training forward/backward pass and stay valid until
/// the next one (an evaluation forward pass overwrites ``factorInputs``).
package protocol KroneckerFactoredLayer: AnyObject {
  /// The stable layer name (`conv1`, `fc2`) used in dumps and plans.
  var name: String { get }
  /// Rows of the parameter matrix: the G factor's dimension (d_out, or
  /// C_out for conv).
  var outputDimension: Int { get }
  /// Columns of the parameter matrix: the A factor's dimension (d_in (+1),
  /// or C_in·k·k (+1) for conv).
  var inputDimension: Int { get }
  /// Parameters [W | b] (outputDimension × inputDimension, column-major).
  var parameters: Matrix<Float> { get set }
  /// Gradient of the mean batch loss w.r.t. parameters from the last
  /// backward pass.
  var parameterGradient: Matrix<Float> { get }
  /// Inputs seen by the last forward pass, one column per sample (dense) or
  /// per sample·position (conv im2col patch), with a final row of ones when
  /// there is a bias: inputDimension × count. A copy; see
  /// ``withFactorInputs(_:)``. A convolution keeps its patches only when
  /// ``recordsFactorStatistics`` was on during that pass (0 columns
  /// otherwise).
  var factorInputs: Matrix<Float> { get }
  /// Gradients of the SUMMED batch loss w.r.t. the layer's pre-activation
  /// outputs from the last backward pass, one column per sample (or
  /// sample·position): outputDimension × count. A copy; see
  /// ``withFactorOutputGradients(_:)``. Empty (0 columns) unless
  /// ``recordsFactorStatistics`` was on during that pass.
  var factorOutputGradients: Matrix<Float> { get }
  /// Whether the next forward/backward pass must keep factorInputs/
  /// factorOutputGradients (false skips storing them, to save time when no
  /// factor update is due).
  var recordsFactorStatistics: Bool { get set }
  /// Samples in the last training batch (`N`); `count / N` positions each.
  var batchSize: Int { get }
  /// Lends ``factorInputs`` without copying: (elements, rows, columns),
  /// column-major with leading dimension `rows`.
  func withFactorInputs<R>(
    _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
  ) rethrows -> R
  /// Lends ``factorOutputGradients`` without copying: (elements, rows,
  /// columns), column-major with leading dimension `rows`.
  func withFactorOutputGradients<R>(
    _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
  ) rethrows -> R
}

extension KroneckerFactoredLayer {
  package var factorInputs: Matrix<Float> {
    withFactorInputs { Matrix(rows: $1, columns: $2, columnMajor: Array($0)) }
  }

  package var factorOutputGradients: Matrix<Float> {
    withFactorOutputGradients {
      Matrix(rows: $1, columns: $2, columnMajor: Array($0))
    }
  }
}
