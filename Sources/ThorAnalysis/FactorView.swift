import ThorLinalg
import ThorSafetensors

/// A square factor as stored (any floating-point dtype, memory-mapped),
/// read as a column-major `Float64` matrix one column segment at a time.
///
/// Stored row `j` is read as column `j`: the transpose of the stored
/// matrix, the same matrix once symmetric. The analysis works on the
/// symmetric part `(A + Aᵀ)/2`; ``largestAsymmetry`` says whether it
/// differs from `A`. Nothing here holds a converted copy of the factor.
struct FactorView {
  /// The dimension `d`.
  let dimension: Int
  /// `max |aᵢⱼ − aⱼᵢ|`, set by the validation pass (0: exactly symmetric).
  var largestAsymmetry = 0.0
  /// Whether pages are dropped as soon as they are read (a factor larger
  /// than its memory budget).
  var streams = false

  private let bytes: UnsafeRawBufferPointer
  private let dtype: DType
  private let release: (Range<Int>) -> Void

  /// A view of `bytes` (`d x d` elements of `dtype`); `release` drops the
  /// resident pages of a byte range when the view streams.
  init(
    _ bytes: UnsafeRawBufferPointer, dtype: DType, dimension d: Int,
    release: @escaping (Range<Int>) -> Void = { _ in }
  ) {
    precondition(bytes.count == d * d * dtype.byteCount, "size mismatch")
    self.bytes = bytes
    self.dtype = dtype
    self.dimension = d
    self.release = release
  }

  /// Bytes of the stored factor.
  var storedBytes: Int { bytes.count }

  /// Whether the analysis must use `(A + Aᵀ)/2` rather than `A`.
  var isSymmetric: Bool { largestAsymmetry == 0 }

  /// Writes rows `rows` of column `j` to `out` as `Float64`.
  func column(
    _ j: Int, rows: Range<Int>, into out: UnsafeMutablePointer<Double>
  ) {
    let size = dtype.byteCount
    let start = (j * dimension + rows.lowerBound) * size
    SafetensorsFile.widen(
      UnsafeRawBufferPointer(
        rebasing: bytes[start..<start + rows.count * size]), dtype,
      into: UnsafeMutableBufferPointer(start: out, count: rows.count))
  }

  /// Writes the block `rows x columns` to `out` (column-major, leading
  /// dimension `rows.count`).
  func block(
    rows: Range<Int>, columns: Range<Int>,
    into out: UnsafeMutablePointer<Double>
  ) {
    for j in columns {
      column(j, rows: rows, into: out + (j - columns.lowerBound) * rows.count)
    }
  }

  /// Drops the pages of columns `columns` (whole stored rows) when
  /// streaming. Whole rows, not the segments read: a read fault maps the
  /// pages around the one read too.
  func done(columns: Range<Int>) {
    guard streams else { return }
    let rowBytes = dimension * dtype.byteCount
    release(columns.lowerBound * rowBytes..<columns.upperBound * rowBytes)
  }

  /// Drops every resident page of the factor.
  func releaseAll() { release(0..<bytes.count) }
}

extension FactorView {
  /// Calls `body` with a view of the column-major `a` (tests, tools),
  /// its asymmetry measured.
  static func with<R, E: Error>(
    _ a: Matrix<Double>, _ body: (FactorView) throws(E) -> R
  ) throws(E) -> R {
    precondition(a.isSquare, "a factor is square")
    let result: Result<R, E> = a.withUnsafeElements { elements in
      var view = FactorView(
        UnsafeRawBufferPointer(elements), dtype: .f64, dimension: a.rows)
      view.largestAsymmetry = view.inspect().largestAsymmetry
      return Result { () throws(E) -> R in try body(view) }
    }
    return try result.get()
  }
}
