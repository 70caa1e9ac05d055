import ThorLinalg

/// The arithmetic shared by dense and convolution layers: `S = [W | b]·X`
/// on a column matrix `X` whose last row is ones, its gradients, and the
/// copy of output gradients kept for factor statistics.
final class AffineKernel {
  private let output = ScratchBuffer()
  private let recorded = ScratchBuffer()
  private(set) var recordedColumns = 0

  /// `S = P·X` for `columns` columns of `x` (`P.columns` rows each).
  func forward(
    _ p: Matrix<Float>, _ x: UnsafePointer<Float>, columns: Int
  ) -> UnsafePointer<Float> {
    let y = output.reserve(p.rows * columns)
    p.withUnsafeElements { w in
      BLAS.gemm(
        .none, .none, m: p.rows, n: columns, k: p.columns,
        a: w.baseAddress!, lda: p.rows, b: x, ldb: p.columns, c: y,
        ldc: p.rows)
    }
    return UnsafePointer(y)
  }

  /// Stores `∂L/∂P = (1/samples)·dS·Xᵀ` in `gradient` (the mean loss's,
  /// `dS` being the summed loss's) and, with `record`, keeps a copy of dS.
  func backward(
    _ dS: UnsafePointer<Float>, _ x: UnsafePointer<Float>, columns: Int,
    samples: Int, record: Bool, gradient: inout Matrix<Float>
  ) {
    let m = gradient.rows, n = gradient.columns
    gradient.withUnsafeMutableElements { g in
      BLAS.gemm(
        .none, .transposed, m: m, n: n, k: columns,
        alpha: 1 / Float(samples), a: dS, lda: m, b: x, ldb: n,
        c: g.baseAddress!, ldc: m)
    }
    recordedColumns = 0
    if record {
      recorded.reserve(m * columns).update(from: dS, count: m * columns)
      recordedColumns = columns
    }
  }

  /// `dX = Wᵀ·dS` without the bias row: `(P.columns − 1) × columns`.
  func inputGradient(
    _ p: Matrix<Float>, _ dS: UnsafePointer<Float>, columns: Int,
    into dx: UnsafeMutablePointer<Float>
  ) {
    let k = p.columns - 1
    p.withUnsafeElements { w in
      BLAS.gemm(
        .transposed, .none, m: k, n: columns, k: p.rows, a: w.baseAddress!,
        lda: p.rows, b: dS, ldb: p.rows, c: dx, ldc: k)
    }
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
