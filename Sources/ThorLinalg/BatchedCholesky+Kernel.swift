extension BatchedCholesky {
  /// Inverts `lanes` interleaved SPD matrices in place: element `(i, j)` of
  /// the `n x n` matrices is the vector `a[i + j * ld]`, lane `l` holding
  /// matrix `l`. Reads the upper triangles, which the strictly lower parts
  /// (zeros on entry, kept zero) do not touch; writes the upper triangles.
  ///
  /// Cholesky `A = UᵀU` (left-looking), `T = U⁻¹` (`trti2` order) and
  /// `A⁻¹ = T·Tᵀ` (`lauu2` order), all in place. Every operation is one
  /// SIMD instruction over the lanes, and the inner loops update four
  /// rows or columns at once so that four independent sums hide the
  /// latency of the additions. The diagonal holds `1/U(j,j)` between the
  /// phases.
  /// - Returns: The first failing column (1-based, like `potrf`'s `info`)
  ///   of each lane, 0 for lanes that are positive definite, or `nil`
  ///   when every lane succeeded.
  @inline(__always)
  static func invertInterleaved<V: SIMD>(
    _ a: UnsafeMutablePointer<V>, n: Int, ld: Int
  ) -> [Int]? where V.Scalar: BinaryFloatingPoint {
    if let failures = factor(a, n: n, ld: ld) { return failures }
    invertTriangle(a, n: n, ld: ld)
    multiplyByTranspose(a, n: n, ld: ld)
    return nil
  }

  /// `A = UᵀU`: row `j` of `U` from the rows above it; stores `1/U(j,j)`.
  @inline(__always)
  private static func factor<V: SIMD>(
    _ a: UnsafeMutablePointer<V>, n: Int, ld: Int
  )
    -> [Int]? where V.Scalar: BinaryFloatingPoint
  {
    var failures: [Int]? = nil
    for j in 0..<n {
      let cj = a + j &* ld
      var d0 = cj[j]
      var d1 = V()
      var k = 0
      while k &+ 1 < j {
        d0 -= cj[k] * cj[k]
        d1 -= cj[k &+ 1] * cj[k &+ 1]
        k &+= 2
      }
      if k < j { d0 -= cj[k] * cj[k] }
      let d = d0 + d1
      let positive = d .> V()
      if !all(positive) { record(positive, column: j, into: &failures) }
      let r = 1 / d.squareRoot()
      cj[j] = r
      var i = j &+ 1
      while i &+ 4 <= n {
        let c0 = a + i &* ld
        let c1 = c0 + ld
        let c2 = c1 + ld
        let c3 = c2 + ld
        var x0 = c0[j]
        var x1 = c1[j]
        var x2 = c2[j]
        var x3 = c3[j]
        for k in 0..<j {
          let u = cj[k]
          x0 -= u * c0[k]
          x1 -= u * c1[k]
          x2 -= u * c2[k]
          x3 -= u * c3[k]
        }
        c0[j] = x0 * r
        c1[j] = x1 * r
        c2[j] = x2 * r
        c3[j] = x3 * r
        i &+= 4
      }
      while i < n {
        let c0 = a + i &* ld
        var x0 = c0[j]
        for k in 0..<j { x0 -= cj[k] * c0[k] }
        c0[j] = x0 * r
        i &+= 1
      }
    }
    return failures
  }

  /// `T = U⁻¹` in place: column `j` is `−T(j,j)·T(0..<j, 0..<j)·U(0..<j, j)`,
  /// four rows at a time (the zero lower part pads the triangle).
  @inline(__always)
  private static func invertTriangle<V: SIMD>(
    _ a: UnsafeMutablePointer<V>, n: Int, ld: Int
  ) where V.Scalar: BinaryFloatingPoint {
    for j in 0..<n {
      let cj = a + j &* ld
      scaledRowDots(
        a, ld: ld, rows: 0..<j, terms: { $0..<j }, with: cj, stride: 1,
        scale: -cj[j], into: cj)
    }
  }

  /// `A⁻¹ = T·Tᵀ` in place, upper triangle: entry `(i, j)`, `i ≤ j`, is
  /// `Σ_{k ≥ j} T(i,k)·T(j,k)`; column by column.
  @inline(__always)
  private static func multiplyByTranspose<V: SIMD>(
    _ a: UnsafeMutablePointer<V>, n: Int, ld: Int
  ) where V.Scalar: BinaryFloatingPoint {
    for j in 0..<n {
      scaledRowDots(
        a, ld: ld, rows: 0..<(j &+ 1), terms: { _ in j..<n }, with: a + j,
        stride: ld, scale: V(repeating: 1), into: a + j &* ld)
    }
  }

  /// `out[i] = scale · Σ_{k ∈ terms(i)} a(i, k)·u[k·stride]` for `i` in
  /// `rows`, four rows at a time. `terms(i)` must start at or below `i`'s
  /// first non-zero `a(i, k)` for the group (rows of a group share the
  /// first row's terms, and the extra `a(i, k)` are zero), and `out[i]` is
  /// written only after every term that reads it.
  @inline(__always)
  private static func scaledRowDots<V: SIMD>(
    _ a: UnsafeMutablePointer<V>, ld: Int, rows: Range<Int>,
    terms: (Int) -> Range<Int>, with u: UnsafeMutablePointer<V>, stride: Int,
    scale: V, into out: UnsafeMutablePointer<V>
  ) where V.Scalar: BinaryFloatingPoint {
    var i = rows.lowerBound
    while i &+ 4 <= rows.upperBound {
      var x0 = V()
      var x1 = V()
      var x2 = V()
      var x3 = V()
      for k in terms(i) {
        let t = a + (i &+ k &* ld)
        let v = u[k &* stride]
        x0 += t[0] * v
        x1 += t[1] * v
        x2 += t[2] * v
        x3 += t[3] * v
      }
      out[i] = scale * x0
      out[i &+ 1] = scale * x1
      out[i &+ 2] = scale * x2
      out[i &+ 3] = scale * x3
      i &+= 4
    }
    while i < rows.upperBound {
      var x0 = V()
      for k in terms(i) { x0 += a[i &+ k &* ld] * u[k &* stride] }
      out[i] = scale * x0
      i &+= 1
    }
  }

  private static func record<M: SIMD>(
    _ positive: SIMDMask<M>, column: Int, into failures: inout [Int]?
  ) {
    var lanes = failures ?? [Int](repeating: 0, count: positive.scalarCount)
    for l in 0..<positive.scalarCount where !positive[l] && lanes[l] == 0 {
      lanes[l] = column + 1
    }
    failures = lanes
  }
}
