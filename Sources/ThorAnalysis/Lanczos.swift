import ThorLinalg

/// The largest eigenvalue of a symmetric matrix by the Lanczos method with
/// full reorthogonalization: one BLAS `dsymv` product per step and two
/// classical Gram-Schmidt passes (`dgemv`) against the whole basis.
///
/// The estimate is a Ritz value, so it never exceeds the true eigenvalue.
/// The iteration stops when the residual bound `min(‖r‖, ‖r‖²/gap)` of the
/// top Ritz pair is below `relativeTolerance` times the value (`‖r‖` =
/// `βₖ·|yₖ|`; `gap` is the distance to the second Ritz value).
struct Lanczos: Sendable {
  /// One eigenvalue estimate and how it was reached.
  struct Estimate: Sendable, Equatable {
    /// The Ritz value: a lower bound of the largest eigenvalue.
    var value: Double
    /// The residual bound at the last step.
    var errorBound: Double
    /// Matrix-vector products used.
    var iterations: Int
    /// Whether the bound met the tolerance.
    var converged: Bool
  }

  /// The accepted error bound relative to the eigenvalue.
  var relativeTolerance = 1e-10
  /// Steps before giving up (the caller then falls back to LAPACK).
  var maxIterations = 300

  /// Estimates the largest eigenvalue of the `n x n` symmetric matrix at
  /// `a` (leading dimension `lda`, upper triangle read), e.g. one diagonal
  /// block of a larger factor.
  func largestEigenvalue(
    n: Int, a: UnsafePointer<Double>, lda: Int
  ) -> Estimate {
    largestEigenvalue(n: n) { x, y in
      BLAS.symv(n: n, a: a, lda: lda, x: x, y: y)
    }
  }

  /// Estimates the largest eigenvalue of the `n x n` symmetric operator
  /// `multiply` (`y ← A x`), e.g. a block of a factor as stored
  /// (``FactorView/multiply(block:x:y:panel:)``).
  func largestEigenvalue(
    n: Int,
    multiply: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void
  ) -> Estimate {
    precondition(n > 0, "empty matrix")
    let steps = Swift.min(n, maxIterations)
    var basis = [Double](repeating: 0, count: n * (steps + 1))
    var w = [Double](repeating: 0, count: n)
    var h = [Double](repeating: 0, count: steps + 1)
    var t = SymmetricTridiagonal()
    t.diagonal.reserveCapacity(steps)
    t.offDiagonal.reserveCapacity(steps)
    var estimate = Estimate(
      value: 0, errorBound: .infinity, iterations: 0, converged: false)
    basis.withUnsafeMutableBufferPointer { basis in
      w.withUnsafeMutableBufferPointer { w in
        h.withUnsafeMutableBufferPointer { h in
          let v = basis.baseAddress!
          let wp = w.baseAddress!
          let hp = h.baseAddress!
          Self.fillStart(UnsafeMutableBufferPointer(start: v, count: n))
          for k in 0..<steps {
            let vk = v + k * n
            multiply(vk, wp)
            var alpha = 0.0
            for _ in 0..<2 {
              BLAS.gemv(
                .transposed, m: n, n: k + 1, a: v, lda: n, x: wp, y: hp)
              BLAS.gemv(
                .none, m: n, n: k + 1, alpha: -1, a: v, lda: n, x: hp,
                beta: 1, y: wp)
              alpha += hp[k]
            }
            let beta = Self.norm(w)
            t.diagonal.append(alpha)
            estimate = Self.check(t, beta: beta, tolerance: relativeTolerance)
            estimate.iterations = k + 1
            if estimate.converged || k == steps - 1 { break }
            t.offDiagonal.append(beta)
            let next = v + (k + 1) * n
            for i in 0..<n { next[i] = wp[i] / beta }
          }
        }
      }
    }
    return estimate
  }

  /// The top Ritz value of `t` and its residual bound; converged when the
  /// bound meets the tolerance or the Krylov space became invariant.
  private static func check(
    _ t: SymmetricTridiagonal, beta: Double, tolerance: Double
  ) -> Estimate {
    let top = t.eigenvalue(fromTop: 0)
    if beta <= .leastNormalMagnitude {
      return Estimate(
        value: top, errorBound: 0, iterations: 0, converged: true)
    }
    let residual = beta * t.lastComponentOfTopEigenvector(top: top)
    var bound = residual
    if t.count > 1 {
      let gap = top - t.eigenvalue(fromTop: 1)
      if gap > 0 { bound = Swift.min(bound, residual * residual / gap) }
    }
    return Estimate(
      value: top, errorBound: bound, iterations: 0,
      converged: bound <= tolerance * abs(top))
  }

  /// A fixed pseudo-random start with a positive mean (SplitMix64), so
  /// results are reproducible and the start is not orthogonal to the top
  /// eigenvector of a covariance of non-negative features.
  private static func fillStart(_ v: UnsafeMutableBufferPointer<Double>) {
    var state: UInt64 = 0x5EED_1A5C_2021_0A0A
    for i in v.indices {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      v[i] = Double(z >> 11) * 0x1p-53 + 0.25
    }
    let scale = 1 / norm(v)
    for i in v.indices { v[i] *= scale }
  }

  private static func norm(_ x: UnsafeMutableBufferPointer<Double>) -> Double {
    var largest = 0.0
    for value in x { largest = Swift.max(largest, abs(value)) }
    guard largest > 0 else { return 0 }
    var sum = 0.0
    for value in x { sum += (value / largest) * (value / largest) }
    return largest * sum.squareRoot()
  }
}
