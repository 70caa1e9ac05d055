import ThorLinalg

/// The arithmetic shared by dense and convolution layers: `S = P·X` with
/// `P = [W | b]` (`rows × inputs`, column-major) on a column matrix `X`
/// whose last row is ones, its gradients on any run of columns (so a layer
/// can split a batch over workers), and the copy of output gradients kept
/// for factor statistics.
final class AffineKernel {
  private let recorded = ScratchBuffer()
  private(set) var recordedColumns = 0

  /// `S = P·X` for `columns` columns of `x` (`inputs` rows each) into `s`.
  static func forward(
    _ p: UnsafePointer<Float>, rows: Int, inputs: Int,
    _ x: UnsafePointer<Float>, columns: Int, into s: UnsafeMutablePointer<Float>
  ) {
    BLAS.gemm(
      .none, .none, m: rows, n: columns, k: inputs, a: p, lda: rows, b: x,
      ldb: inputs, c: s, ldc: rows)
  }

  /// `G ← α·dS·Xᵀ + β·G` over `columns` columns, for the parameter columns
  /// `G` holds: `X` has those `width` rows at `x`, `ldx` apart.
  static func weightGradient(
    _ dS: UnsafePointer<Float>, rows: Int, _ x: UnsafePointer<Float>,
    width: Int, ldx: Int, columns: Int, alpha: Float, beta: Float,
    into g: UnsafeMutablePointer<Float>
  ) {
    BLAS.gemm(
      .none, .transposed, m: rows, n: width, k: columns, alpha: alpha,
      a: dS, lda: rows, b: x, ldb: ldx, beta: beta, c: g, ldc: rows)
  }

  /// `dX = Wᵀ·dS` without the bias row: `(inputs − 1) × columns`.
  static func inputGradient(
    _ p: UnsafePointer<Float>, rows: Int, inputs: Int,
    _ dS: UnsafePointer<Float>, columns: Int,
    into dx: UnsafeMutablePointer<Float>
  ) {
    BLAS.gemm(
      .transposed, .none, m: inputs - 1, n: columns, k: rows, a: p,
      lda: rows, b: dS, ldb: rows, c: dx, ldc: inputs - 1)
  }

  /// Keeps a copy of `dS` (`rows × columns`) when `record` is set, and
  /// forgets the last one otherwise.
  func record(
    _ dS: UnsafePointer<Float>, rows: Int, columns: Int, when record: Bool
  ) {
    recordedColumns = 0
    guard record else { return }
    recorded.reserve(rows * columns).update(from: dS, count: rows * columns)
    recordedColumns = columns
  }

  /// Lends the recorded output gradients (rows × recordedColumns).
  func withRecorded<R>(
    rows: Int, _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
  ) rethrows -> R {
    try lend(recorded.pointer, rows: rows, columns: recordedColumns, body)
  }
}

/// Calls `body` with `rows × columns` elements at `start`.
func lend<R>(
  _ start: UnsafePointer<Float>, rows: Int, columns: Int,
  _ body: (UnsafeBufferPointer<Float>, Int, Int) throws -> R
) rethrows -> R {
  try body(
    UnsafeBufferPointer(start: start, count: rows * columns), rows, columns)
}
