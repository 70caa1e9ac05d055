import ThorLinalg

extension FactorView {
  /// `y ← Â x` for the diagonal block `range` of `Â = (A + Aᵀ)/2`.
  ///
  /// Panels of whole columns are widened into `panel` and multiplied with
  /// BLAS `dgemv` (one pass, `Pᵀ` too when `A` is not exactly symmetric),
  /// so the product is exact `Float64` arithmetic on the stored values
  /// and reads each element once.
  func multiply(
    block range: Range<Int>, x: UnsafePointer<Double>,
    y: UnsafeMutablePointer<Double>, panel: Scratch
  ) {
    let n = range.count
    let width = Swift.max(1, Swift.min(n, panel.count / n))
    precondition(width * n <= panel.count, "panel too small")
    y.update(repeating: 0, count: n)
    let symmetric = isSymmetric
    for c0 in stride(from: range.lowerBound, to: range.upperBound, by: width) {
      let columns = c0..<Swift.min(range.upperBound, c0 + width)
      let offset = c0 - range.lowerBound
      block(rows: range, columns: columns, into: panel.base)
      BLAS.gemv(
        .none, m: n, n: columns.count, alpha: symmetric ? 1 : 0.5,
        a: panel.base, lda: n, x: x + offset, beta: 1, y: y)
      if !symmetric {
        BLAS.gemv(
          .transposed, m: n, n: columns.count, alpha: 0.5, a: panel.base,
          lda: n, x: x, beta: 1, y: y + offset)
      }
      done(columns: columns)
    }
  }
}
