import ThorFormats
import ThorLinalg
import ThorSafetensors

/// Why a factor dump cannot be analysed. Every case names the file and,
/// where one is involved, the tensor.
package enum FactorError: Error, Equatable, Sendable {
  /// The safetensors file could not be read or is malformed.
  case file(SafetensorsError)
  /// No tensor is named `<layer>.A` or `<layer>.G`.
  case noFactors(source: String, tensorCount: Int)
  /// A factor tensor is not 2-D.
  case notTwoDimensional(source: String, tensor: String, shape: [Int])
  /// A factor tensor is not square.
  case notSquare(source: String, tensor: String, rows: Int, columns: Int)
  /// A factor's dtype is not a floating-point type the reader converts.
  case unsupportedDType(source: String, tensor: String, dtype: String)
  /// A factor holds NaN or infinity (row and column as stored).
  case nonFinite(source: String, tensor: String, row: Int, column: Int)
  /// A factor is not symmetric: the largest `|aᵢⱼ − aⱼᵢ|` relative to the
  /// largest `|aᵢⱼ|` exceeds the tolerance.
  case asymmetric(
    source: String, tensor: String, relative: Double, tolerance: Double)
  /// A diagonal element is negative, so the factor is not positive
  /// semi-definite.
  case negativeDiagonal(
    source: String, tensor: String, index: Int, value: Double)
  /// A factor's work buffers need more memory than the budget allows:
  /// `lossBytes` for the Eq. 11 losses (Lanczos vectors and panel),
  /// `changeBytes` for the update change (dense inverse and blocks).
  case overBudget(
    source: String, tensor: String, lossBytes: Int, changeBytes: Int,
    budget: Int)
  /// LAPACK failed on a factor.
  case numerical(source: String, tensor: String, error: LinearAlgebraError)
}

extension FactorError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .file(let error):
      error.description
    case .noFactors(let source, let count):
      "\(source): none of its \(count) tensors is a Kronecker factor "
        + "(names must end in '.A' or '.G', e.g. 'layer1.0.conv1.A')"
    case .notTwoDimensional(let source, let tensor, let shape):
      "\(source): factor '\(tensor)' has shape "
        + "[\(shape.map(String.init).joined(separator: ", "))]; "
        + "a factor must be a 2-D square matrix"
    case .notSquare(let source, let tensor, let rows, let columns):
      "\(source): factor '\(tensor)' is \(rows)x\(columns); "
        + "a factor must be square"
    case .unsupportedDType(let source, let tensor, let dtype):
      "\(source): factor '\(tensor)' has dtype \(dtype); "
        + "factors must be F64, F32, F16 or BF16"
    case .nonFinite(let source, let tensor, let row, let column):
      "\(source): factor '\(tensor)' holds a NaN or infinite value at "
        + "row \(row), column \(column)"
    case .asymmetric(let source, let tensor, let relative, let tolerance):
      "\(source): factor '\(tensor)' is not symmetric: largest "
        + "|a[i,j] - a[j,i]| is \(relative) of the largest element "
        + "(tolerance \(tolerance)); is it a covariance E[x xᵀ]?"
    case .negativeDiagonal(let source, let tensor, let index, let value):
      "\(source): factor '\(tensor)' has diagonal element [\(index)] = "
        + "\(value) < 0, so it is not positive semi-definite"
    case .overBudget(
      let source, let tensor, let lossBytes, let changeBytes, let budget):
      "\(source): factor '\(tensor)' needs "
        + "\(ByteText.size(lossBytes + changeBytes)) of work buffers "
        + "(\(ByteText.size(lossBytes)) for the Eq. 11 losses, "
        + "\(ByteText.size(changeBytes)) for the update change's dense "
        + "inverse and blocks), above the memory budget of "
        + "\(ByteText.size(budget)); raise --memory or plan it with "
        + "--strategy eq11 (no update change)"
    case .numerical(let source, let tensor, let error):
      "\(source): factor '\(tensor)': \(error)"
    }
  }
}
