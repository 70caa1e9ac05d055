/// The Lanczos tridiagonal `T` (diagonal `α`, off-diagonal `β`) and the
/// quantities its convergence test needs: the two largest eigenvalues by
/// Sturm-sequence bisection and the last component of the top eigenvector
/// by inverse iteration. Every operation is O(k) per step on a k x k `T`.
struct SymmetricTridiagonal {
  /// The diagonal `α₁ … α_k`.
  var diagonal: [Double] = []
  /// The off-diagonal `β₁ … β_{k−1}`.
  var offDiagonal: [Double] = []

  /// The order `k`.
  var count: Int { diagonal.count }

  /// The number of eigenvalues strictly below `x` (Sturm count of the
  /// `LDLᵀ` factorization of `T − xI`).
  func eigenvalueCount(below x: Double) -> Int {
    let tiny = Double.leastNormalMagnitude.squareRoot()
    var d = 1.0
    var negatives = 0
    for i in 0..<diagonal.count {
      let coupling = i == 0 ? 0 : offDiagonal[i - 1] * offDiagonal[i - 1] / d
      d = diagonal[i] - x - coupling
      if d == 0 { d = -tiny }
      if d < 0 { negatives += 1 }
    }
    return negatives
  }

  /// The `rank`-th largest eigenvalue (0 = largest), to within a few ulps,
  /// by bisection between Gershgorin bounds.
  func eigenvalue(fromTop rank: Int) -> Double {
    precondition(rank < count, "rank out of range")
    var low = Double.infinity
    var high = -Double.infinity
    for i in 0..<count {
      let left = i == 0 ? 0 : abs(offDiagonal[i - 1])
      let right = i == count - 1 ? 0 : abs(offDiagonal[i])
      low = Swift.min(low, diagonal[i] - left - right)
      high = Swift.max(high, diagonal[i] + left + right)
    }
    high += abs(high) * 4 * .ulpOfOne + .leastNormalMagnitude
    // The eigenvalue is the smallest x with at least count − rank below it.
    let wanted = count - rank
    while true {
      let middle = low + (high - low) / 2
      if middle <= low || middle >= high { return high }
      if eigenvalueCount(below: middle) >= wanted {
        high = middle
      } else {
        low = middle
      }
    }
  }

  /// `|yₖ|`, the last component of the unit eigenvector for the largest
  /// eigenvalue `top`, by two steps of inverse iteration with the positive
  /// definite `σI − T` (`σ` just above `top`).
  func lastComponentOfTopEigenvector(top: Double) -> Double {
    let k = count
    guard k > 1 else { return 1 }
    var scale = 0.0
    for a in diagonal { scale = Swift.max(scale, abs(a)) }
    for b in offDiagonal { scale = Swift.max(scale, abs(b)) }
    let sigma = top + Swift.max(scale, .leastNormalMagnitude) * 1e-12
    // LDLᵀ of σI − T: pivots d, multipliers l.
    var pivots = [Double](repeating: 0, count: k)
    var multipliers = [Double](repeating: 0, count: k)
    pivots[0] = sigma - diagonal[0]
    for i in 1..<k {
      multipliers[i] = -offDiagonal[i - 1] / pivots[i - 1]
      pivots[i] =
        sigma - diagonal[i]
        - multipliers[i] * multipliers[i] * pivots[i - 1]
    }
    var y = [Double](repeating: 1, count: k)
    for _ in 0..<2 {
      for i in 1..<k { y[i] -= multipliers[i] * y[i - 1] }
      for i in 0..<k { y[i] /= pivots[i] }
      for i in stride(from: k - 2, through: 0, by: -1) {
        y[i] -= multipliers[i + 1] * y[i + 1]
      }
      var norm = 0.0
      for v in y { norm = Swift.max(norm, abs(v)) }
      for i in 0..<k { y[i] /= norm }
    }
    var sumOfSquares = 0.0
    for v in y { sumOfSquares += v * v }
    return abs(y[k - 1]) / sumOfSquares.squareRoot()
  }
}
