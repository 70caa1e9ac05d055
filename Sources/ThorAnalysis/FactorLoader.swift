import ThorLinalg
import ThorSafetensors

/// Reads one factor as a `Float64` matrix and validates it (README, "File
/// formats and definitions"): finite, symmetric within a relative tolerance
/// (tiny asymmetry is symmetrized), non-negative diagonal.
public struct FactorLoader: Sendable {
  /// The file the factors come from.
  public let file: SafetensorsFile
  /// The accepted asymmetry relative to the largest element, per dtype;
  /// `nil` uses ``defaultSymmetryTolerance(for:)``.
  public var symmetryTolerance: Double?

  public init(file: SafetensorsFile, symmetryTolerance: Double? = nil) {
    self.file = file
    self.symmetryTolerance = symmetryTolerance
  }

  /// `1e-2` for F16 and BF16 (a rounding step is up to 0.8% there),
  /// `1e-4` for F32 and F64: far above rounding, far below the asymmetry
  /// of a tensor that is not a covariance.
  public static func defaultSymmetryTolerance(for dtype: DType) -> Double {
    dtype == .f16 || dtype == .bf16 ? 1e-2 : 1e-4
  }

  /// The validated, symmetric factor.
  /// - Throws: ``FactorError``.
  public func load(_ entry: FactorCatalog.Entry) throws(FactorError)
    -> Matrix<Double>
  {
    let name = entry.tensorName, d = entry.dimension
    // Positions are reported as stored (row-major). Row-major data read
    // column-major is the transpose: the same matrix once symmetric. The
    // array moves into the matrix without a copy.
    var a: Matrix<Double>
    do {
      a = Matrix(rows: d, columns: d, columnMajor: try file.doubles(of: name))
    } catch {
      throw .file(error)
    }
    if let k = a.withUnsafeElements({
      SymmetryPass.firstNonFinite($0.baseAddress!, count: d * d)
    }) {
      throw .nonFinite(
        source: file.source, tensor: name, row: k / d, column: k % d)
    }
    let tolerance = symmetryTolerance
      ?? Self.defaultSymmetryTolerance(for: entry.tensor.dtype)
    let asymmetry = a.withUnsafeMutableElements {
      SymmetryPass.symmetrize($0.baseAddress!, dimension: d)
    }
    if asymmetry > tolerance {
      throw .asymmetric(
        source: file.source, tensor: name, relative: asymmetry,
        tolerance: tolerance)
    }
    for i in 0..<d where a[i, i] < 0 {
      throw .negativeDiagonal(
        source: file.source, tensor: name, index: i, value: a[i, i])
    }
    return a
  }
}
