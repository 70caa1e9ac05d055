import Testing
import ThorFormats

@testable import ThorLinalg

@Suite("Matrix inversion") struct MatrixInverseTests {
  static let sizes = [1, 2, 3, 7, 17, 64, 65]

  @Test(arguments: InversionMethod.allCases, sizes)
  func doubleProductIsIdentity(method: InversionMethod, n: Int) throws {
    let a = Matrix<Double>.wellConditioned(n, seed: UInt64(n))
    let product = a * (try a.inverted(method: method))
    #expect(product.isClose(to: .identity(n), tolerance: 1e-12))
  }

  @Test(arguments: InversionMethod.allCases, sizes)
  func floatProductIsIdentity(method: InversionMethod, n: Int) throws {
    let a = Matrix<Float>.wellConditioned(n, seed: UInt64(n) + 100)
    let product = a * (try a.inverted(method: method))
    let tolerance = roundoff(Float.self, 40 * Double(n))
    #expect(product.isClose(to: .identity(n), tolerance: tolerance))
  }

  @Test(arguments: InversionMethod.allCases)
  func diagonalInverseIsReciprocal(method: InversionMethod) throws {
    let d: [Double] = [4, 0.5, 3, 1e-3, 250]
    let a = Matrix(rows: 5, columns: 5) { i, j in i == j ? d[i] : 0 }
    let expected = Matrix(rows: 5, columns: 5) { i, j in
      i == j ? 1 / d[i] : 0
    }
    let inverse = try a.inverted(method: method)
    #expect(inverse.isClose(to: expected, tolerance: 1e-12))
  }

  @Test(arguments: InversionMethod.allCases)
  func twoByTwoMatchesFormula(method: InversionMethod) throws {
    // [[a, b], [b, c]]⁻¹ = [[c, -b], [-b, a]] / (ac - b²).
    let (a, b, c) = (5.0, 2.0, 3.0)
    let m = Matrix(rows: 2, columns: 2, rowMajor: [a, b, b, c])
    let det = a * c - b * b
    let expected = Matrix(
      rows: 2, columns: 2, rowMajor: [c / det, -b / det, -b / det, a / det])
    #expect(
      try m.inverted(method: method).isClose(to: expected, tolerance: 1e-14))
  }

  @Test func luInvertsNonSymmetricTwoByTwo() throws {
    let m = Matrix(rows: 2, columns: 2, rowMajor: [1.0, 2, 3, 4])
    let expected = Matrix(rows: 2, columns: 2, rowMajor: [-2.0, 1, 1.5, -0.5])
    #expect(try m.luInverted().isClose(to: expected, tolerance: 1e-14))
  }

  /// `T⁻¹(i, j) = min(i, j)·(n + 1 − max(i, j)) / (n + 1)`, 1-based.
  @Test(arguments: InversionMethod.allCases, [1, 2, 5, 16, 33])
  func secondDifferenceMatchesClosedForm(method: InversionMethod, n: Int)
    throws
  {
    let expected = Matrix<Double>(rows: n, columns: n) { i, j in
      Double(min(i, j) + 1) * Double(n - max(i, j)) / Double(n + 1)
    }
    let inverse = try Matrix<Double>.secondDifference(n).inverted(
      method: method)
    #expect(inverse.isClose(to: expected, tolerance: 1e-11 * Double(n)))
    let single = try Matrix<Float>.secondDifference(n).inverted(
      method: method)
    let tolerance = roundoff(Float.self, 8 * Double(n * n))
    #expect(
      single.isClose(to: expected.converted(), tolerance: tolerance))
  }

  /// The Hilbert matrix's inverse has integer entries (Choi, 1983).
  @Test(arguments: InversionMethod.allCases, [2, 3, 4, 5])
  func hilbertMatchesClosedForm(method: InversionMethod, n: Int) throws {
    let h = Matrix<Double>(rows: n, columns: n) { i, j in
      1 / Double(i + j + 1)
    }
    let expected = Matrix<Double>(rows: n, columns: n) { i0, j0 in
      let i = i0 + 1
      let j = j0 + 1
      let sign: Double = (i + j) % 2 == 0 ? 1 : -1
      return sign * Double(i + j - 1)
        * binomial(n + i - 1, n - j) * binomial(n + j - 1, n - i)
        * binomial(i + j - 2, i - 1) * binomial(i + j - 2, i - 1)
    }
    let inverse = try h.inverted(method: method)
    // Condition numbers reach 5e5 at n = 5: relative tolerance.
    let relative = inverse.maxAbsDifference(to: expected) / expected.maxAbs
    #expect(relative < 1e-8)
  }

  @Test(arguments: [1, 4, 31])
  func methodsAgree(n: Int) throws {
    let a = Matrix<Double>.wellConditioned(n, seed: 7 + UInt64(n))
    let cholesky = try a.inverted(method: .cholesky)
    #expect(cholesky.isClose(to: try a.luInverted(), tolerance: 1e-12))
    #expect(
      cholesky.isClose(to: try a.inverted(method: .eigh), tolerance: 1e-12))
    #expect(cholesky.relativeAsymmetry() == 0)
  }

  @Test func notPositiveDefiniteNamesTheMinor() {
    // Leading minors 1, 2 are positive; the third is det < 0.
    let a = Matrix<Double>(rows: 4, columns: 4) { i, j in
      i == j ? [1, 2, -1, 4][i] : 0
    }
    #expect(
      throws: LinearAlgebraError.notPositiveDefinite(
        routine: .potrf, minor: 3)
    ) { try a.inverted() }
    let b = Matrix<Float>(rows: 2, columns: 2, rowMajor: [1, 2, 2, 1])
    #expect(
      throws: LinearAlgebraError.notPositiveDefinite(
        routine: .potrf, minor: 2)
    ) { try b.inverted() }
  }

  @Test func indefiniteEighNamesTheEigenvalue() {
    let a = Matrix<Double>(rows: 2, columns: 2, rowMajor: [1, 2, 2, 1])
    #expect(
      throws: LinearAlgebraError.notPositiveDefinite(
        routine: .syevd, minor: 1)
    ) { try a.inverted(method: .eigh) }
  }

  @Test func singularNamesThePivot() {
    let a = Matrix<Double>(
      rows: 3, columns: 3,
      rowMajor: [
        1, 2, 3,
        2, 4, 6,
        1, 0, 1,
      ])
    #expect(throws: LinearAlgebraError.singular(routine: .getrf, pivot: 3)) {
      try a.luInverted()
    }
    let ones = Matrix<Float>(rows: 2, columns: 2, repeating: 1)
    #expect(throws: LinearAlgebraError.singular(routine: .getrf, pivot: 2)) {
      try ones.luInverted()
    }
  }

  @Test(arguments: InversionMethod.allCases)
  func nonFiniteIsRejectedWithItsPosition(method: InversionMethod) {
    var a = Matrix<Double>.identity(3)
    a[1, 2] = .nan
    #expect(throws: LinearAlgebraError.nonFinite(row: 1, column: 2)) {
      try a.inverted(method: method)
    }
    var b = Matrix<Float>.identity(3)
    b[2, 0] = -.infinity
    #expect(throws: LinearAlgebraError.nonFinite(row: 2, column: 0)) {
      try b.inverted(method: method)
    }
  }

  @Test(arguments: InversionMethod.allCases)
  func nonSquareIsRejected(method: InversionMethod) {
    let a = Matrix<Double>(rows: 2, columns: 3)
    #expect(throws: LinearAlgebraError.notSquare(rows: 2, columns: 3)) {
      try a.inverted(method: method)
    }
  }

  @Test func emptyMatrixInvertsToEmpty() throws {
    #expect(try Matrix<Double>(rows: 0, columns: 0).inverted().rows == 0)
  }

  @Test func errorDescriptionsNameRoutineAndCause() {
    let e = LinearAlgebraError.notPositiveDefinite(routine: .potrf, minor: 3)
    #expect(e.description.contains("potrf"))
    #expect(e.description.contains("3"))
    #expect(
      LinearAlgebraError.singular(routine: .getrf, pivot: 2).description
        .contains("singular"))
  }

  @Test func inverterIsReusableAcrossSizes() throws {
    for method in InversionMethod.allCases {
      let inverter = Inverter<Double>(method: method, maxDimension: 9)
      for n in [9, 1, 4] {
        let a = Matrix<Double>.wellConditioned(n, seed: UInt64(n))
        var b = a
        try b.withUnsafeMutableElements { p in
          try inverter.invert(p.baseAddress!, n: n, lda: n)
        }
        b.mirrorUpperToLower()
        #expect((a * b).isClose(to: .identity(n), tolerance: 1e-12))
      }
    }
  }
}

private func binomial(_ n: Int, _ k: Int) -> Double {
  guard k >= 0, k <= n else { return 0 }
  var result = 1.0
  for i in 0..<k { result = result * Double(n - i) / Double(i + 1) }
  return result.rounded()
}
