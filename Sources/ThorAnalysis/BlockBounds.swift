import ThorLinalg

/// Cheap bounds on the largest eigenvalue of one diagonal block of a
/// symmetric positive semi-definite matrix, from one pass over its columns.
struct BlockBounds {
  /// The block's rows and columns.
  var range: Range<Int>
  /// The largest diagonal element (a Rayleigh quotient: a lower bound).
  var lower: Double
  /// The smaller of the trace and the largest absolute column sum
  /// (Gershgorin; columns equal rows by symmetry).
  var upper: Double

  init(of a: Matrix<Double>, _ range: Range<Int>) {
    self.range = range
    var largestDiagonal = 0.0, trace = 0.0, largestSum = 0.0
    a.withUnsafeElements { elements in
      let d = a.rows
      for j in range {
        let column = elements.baseAddress! + j * d
        var sum = 0.0
        for i in range { sum += abs(column[i]) }
        largestSum = Swift.max(largestSum, sum)
        trace += column[j]
        largestDiagonal = Swift.max(largestDiagonal, column[j])
      }
    }
    lower = largestDiagonal
    upper = Swift.min(trace, largestSum)
  }
}
