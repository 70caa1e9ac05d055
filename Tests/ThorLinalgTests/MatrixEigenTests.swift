import Foundation
import Testing

@testable import ThorLinalg

@Suite("Symmetric eigenvalues") struct MatrixEigenTests {
  /// The [2, -1] tridiagonal matrix has eigenvalues `2 − 2cos(kπ/(n+1))`.
  @Test(arguments: [1, 2, 5, 16, 33])
  func secondDifferenceMatchesClosedForm(n: Int) throws {
    let expected = (1...n).map { k in
      2 - 2 * cos(Double(k) * .pi / Double(n + 1))
    }
    let values = try Matrix<Double>.secondDifference(n).symmetricEigenvalues()
    #expect(values.count == n)
    for (v, e) in zip(values, expected) { #expect(abs(v - e) < 1e-12) }
    let single = try Matrix<Float>.secondDifference(n).symmetricEigenvalues()
    for (v, e) in zip(single, expected) { #expect(abs(Double(v) - e) < 1e-5) }
  }

  @Test(arguments: [1, 2, 5, 16, 33])
  func largestMatchesClosedForm(n: Int) throws {
    let expected = 2 - 2 * cos(Double(n) * .pi / Double(n + 1))
    let largest = try Matrix<Double>.secondDifference(n)
      .largestSymmetricEigenvalue()
    #expect(abs(largest - expected) < 1e-12)
    let single = try Matrix<Float>.secondDifference(n)
      .largestSymmetricEigenvalue()
    #expect(abs(Double(single) - expected) < 1e-5)
  }

  @Test func rankOneHasOneNonZeroEigenvalue() throws {
    // v·vᵀ has eigenvalue |v|² once and 0 otherwise.
    let v: [Double] = [1, -2, 3, 0.5]
    let a = Matrix(rows: 4, columns: 4) { i, j in v[i] * v[j] }
    let values = try a.symmetricEigenvalues()
    let norm2 = v.map { $0 * $0 }.reduce(0, +)
    #expect(abs(values[3] - norm2) < 1e-12)
    for value in values.prefix(3) { #expect(abs(value) < 1e-12) }
    #expect(abs(try a.largestSymmetricEigenvalue() - norm2) < 1e-12)
  }

  @Test func sumOfEigenvaluesIsTrace() throws {
    let a = Matrix<Double>.wellConditioned(12, seed: 3)
    let sum = try a.symmetricEigenvalues().reduce(0, +)
    #expect(abs(sum - a.trace) < 1e-12 * a.trace)
  }

  @Test func rejectsBadInput() {
    var a = Matrix<Double>.identity(3)
    a[0, 1] = .infinity
    #expect(throws: LinearAlgebraError.nonFinite(row: 0, column: 1)) {
      try a.symmetricEigenvalues()
    }
    #expect(throws: LinearAlgebraError.nonFinite(row: 0, column: 1)) {
      try a.largestSymmetricEigenvalue()
    }
    let b = Matrix<Float>(rows: 3, columns: 2)
    #expect(throws: LinearAlgebraError.notSquare(rows: 3, columns: 2)) {
      try b.symmetricEigenvalues()
    }
    #expect(throws: LinearAlgebraError.notSquare(rows: 3, columns: 2)) {
      try b.largestSymmetricEigenvalue()
    }
  }
}
