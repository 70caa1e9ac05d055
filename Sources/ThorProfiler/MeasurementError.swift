import ThorFormats
import ThorLinalg

/// Why profiling a dimension failed.
package enum MeasurementError: Error, Equatable, Sendable {
  /// LAPACK reported a failure inverting the test matrix.
  case inversionFailed(dim: Int, error: LinearAlgebraError)
  /// The inverse is wrong: `max |A·A⁻¹ − I|` exceeds the tolerance.
  case inaccurate(
    dim: Int, method: InversionMethod, residual: Double, tolerance: Double)
}

extension MeasurementError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .inversionFailed(let dim, let error):
      "inverting the \(dim)x\(dim) test matrix failed: \(error)"
    case .inaccurate(let dim, let method, let residual, let tolerance):
      "the \(method.rawValue) inverse of the \(dim)x\(dim) test matrix is "
        + "wrong: max |A*inv(A) - I| = \(residual) exceeds \(tolerance)"
    }
  }
}
