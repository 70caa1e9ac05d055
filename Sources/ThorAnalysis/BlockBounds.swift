import ThorLinalg

/// Cheap bounds on the largest eigenvalue of one diagonal block of a
/// symmetric positive semi-definite factor, from one pass over its columns.
struct BlockBounds {
  /// The block's rows and columns.
  var range: Range<Int>
  /// The largest diagonal element (a Rayleigh quotient: a lower bound).
  var lower: Double
  /// The smaller of the trace and the largest absolute column sum
  /// (Gershgorin; columns equal rows by symmetry). For the symmetric part
  /// of a stored factor that is not exactly symmetric, each element of a
  /// column sum may grow by half the largest asymmetry.
  var upper: Double

  /// The bounds of block `range` of `view`, its columns widened into
  /// `column` (at least `range.count` elements); column sums by BLAS
  /// `dasum`.
  init(of view: FactorView, _ range: Range<Int>, column: Scratch) {
    self.range = range
    var largestDiagonal = 0.0
    var trace = 0.0
    var largestSum = 0.0
    let base = column.base
    for j in range {
      view.column(j, rows: range, into: base)
      largestSum = Swift.max(
        largestSum, BLAS.asum(count: range.count, x: base))
      let diagonal = base[j - range.lowerBound]
      trace += diagonal
      largestDiagonal = Swift.max(largestDiagonal, diagonal)
      view.done(columns: j..<j + 1)
    }
    let slack = Double(range.count) * view.largestAsymmetry / 2
    lower = largestDiagonal
    upper = Swift.min(trace, largestSum + slack)
  }
}
