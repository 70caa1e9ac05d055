import ThorLinalg
import ThorSafetensors

/// Validates one factor where it is stored (README, "File formats and
/// definitions"): finite, symmetric within a relative tolerance (tiny
/// asymmetry is averaged away: the analysis uses `(A + Aᵀ)/2`),
/// non-negative diagonal. Nothing is copied: the analysis reads the
/// memory-mapped elements through a ``FactorView``.
package struct FactorLoader: Sendable {
  /// The file the factors come from.
  package let file: SafetensorsFile
  /// The accepted asymmetry relative to the largest element, per dtype;
  /// `nil` uses ``defaultSymmetryTolerance(for:)``.
  package var symmetryTolerance: Double?

  package init(file: SafetensorsFile, symmetryTolerance: Double? = nil) {
    self.file = file
    self.symmetryTolerance = symmetryTolerance
  }

  /// `1e-2` for F16 and BF16 (a rounding step is up to 0.8% there),
  /// `1e-4` for F32 and F64: far above rounding, far below the asymmetry
  /// of a tensor that is not a covariance.
  package static func defaultSymmetryTolerance(for dtype: DType) -> Double {
    dtype == .f16 || dtype == .bf16 ? 1e-2 : 1e-4
  }

  /// The validated, symmetrized factor as a dense `Float64` matrix (tests
  /// and tools; the analyser never makes this copy).
  /// - Throws: ``FactorError``.
  package func load(_ entry: FactorCatalog.Entry) throws(FactorError)
    -> Matrix<Double>
  {
    try withView(of: entry, streams: false) { view throws(FactorError) in
      let d = view.dimension
      return Matrix<Double>.symmetricBlock(
        dimension: d, isSymmetric: view.isSymmetric
      ) { view.block(rows: 0..<d, columns: 0..<d, into: $0) }
    }
  }

  /// Validates the factor and calls `body` with its view; its resident
  /// pages are dropped afterwards.
  /// - Parameter streams: drop pages as soon as they are read.
  /// - Throws: ``FactorError``: the validation's, or `body`'s.
  func withView<R>(
    of entry: FactorCatalog.Entry, streams: Bool,
    _ body: (FactorView) throws(FactorError) -> R
  ) throws(FactorError) -> R {
    let file = file
    let tensor = entry.tensor
    return try file.withStoredBytes(of: tensor) {
      bytes throws(FactorError) -> R in
      var view = FactorView(
        bytes, dtype: tensor.dtype, dimension: entry.dimension
      ) { file.releasePages(of: tensor, bytes: $0) }
      view.streams = streams
      defer { view.releaseAll() }
      try validate(&view, entry)
      return try body(view)
    }
  }

  /// Runs the validation pass and records the asymmetry in `view`.
  private func validate(
    _ view: inout FactorView, _ entry: FactorCatalog.Entry
  ) throws(FactorError) {
    let name = entry.tensorName
    let source = file.source
    let found = view.inspect()
    if let (row, column) = found.nonFinite {
      throw .nonFinite(source: source, tensor: name, row: row, column: column)
    }
    let tolerance =
      symmetryTolerance
      ?? Self.defaultSymmetryTolerance(for: entry.tensor.dtype)
    let asymmetry =
      found.largest == 0
      ? 0 : found.largestAsymmetry / found.largest
    if asymmetry > tolerance {
      throw .asymmetric(
        source: source, tensor: name, relative: asymmetry,
        tolerance: tolerance)
    }
    if let (index, value) = found.negativeDiagonal {
      throw .negativeDiagonal(
        source: source, tensor: name, index: index, value: value)
    }
    view.largestAsymmetry = found.largestAsymmetry
  }
}
