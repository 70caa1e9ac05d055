import Foundation
import Testing
import ThorLinalg

@testable import ThorAnalysis

@Suite("Update change of a split") struct UpdateChangeTests {
  /// `[[a, b], [b, a]]` split at 1 is `aI`. With `p = a + γ`,
  /// `(aI + γI)⁻¹ − (A + γI)⁻¹` gives `δ = |b| / p` exactly; in A's
  /// eigenbasis (eigenvalues `a ± b`) everything is diagonal, so
  /// `δ₊² = Σ (a±b)(1/p − 1/(p±b))² / Σ (a±b)/(p±b)²`.
  @Test(arguments: [(2.0, 1.0, 0.5), (1.0, -0.3, 0.03), (5.0, 4.9, 1.0)])
  func twoByTwoClosedForm(a: Double, b: Double, gamma: Double) throws {
    let m = Matrix<Double>(rows: 2, columns: 2, columnMajor: [a, b, b, a])
    let changes = try UpdateChange(damping: gamma).changes(
      of: m, candidates: [1, 2, 4])
    let p = a + gamma
    #expect(abs(changes.directions[0] - abs(b) / p) < 1e-12)
    var top = 0.0
    var bottom = 0.0
    for lambda in [a + b, a - b] {
      let shifted = lambda + gamma
      top += lambda * pow(1 / p - 1 / shifted, 2)
      bottom += lambda / (shifted * shifted)
    }
    #expect(abs(changes.gradients[0] - (top / bottom).squareRoot()) < 1e-12)
    // No split at s >= d.
    #expect(changes.directions[1...] == [0, 0])
    #expect(changes.gradients[1...] == [0, 0])
  }

  /// The definitions evaluated densely with LU inverses and explicit
  /// products, against the block sums and trace identities of the code.
  @Test(arguments: [7, 16, 25])
  func matchesADenseComputation(split: Int) throws {
    let d = 40
    let gamma = 0.17
    let a = TestFactors.covariance(d, samples: 60, seed: 3)
    let damped = a + gamma * Matrix<Double>.identity(d)
    let exact = try damped.luInverted()
    var blocks = Matrix<Double>(rows: d, columns: d)
    for range in BlockPartition(dimension: d, split: split).ranges {
      let inverse = try damped.block(range).luInverted()
      for j in 0..<range.count {
        for i in 0..<range.count {
          blocks[range.lowerBound + i, range.lowerBound + j] = inverse[i, j]
        }
      }
    }
    let difference = blocks - exact
    func frobenius(_ m: Matrix<Double>) -> Double {
      m.withUnsafeElements { $0.reduce(0) { $0 + $1 * $1 } }.squareRoot()
    }
    func trace(_ m: Matrix<Double>) -> Double {
      (0..<m.rows).reduce(0) { $0 + m[$1, $1] }
    }
    let directions = frobenius(difference) / frobenius(exact)
    let gradients =
      (trace(difference * a * difference)
      / trace(exact * a * exact)).squareRoot()
    let changes = try UpdateChange(damping: gamma).changes(
      of: a, candidates: [split])
    #expect(abs(changes.directions[0] - directions) < 1e-9)
    #expect(abs(changes.gradients[0] - gradients) < 1e-9)
    #expect(directions > 0.01)  // the split does change the update
  }

  /// A block-diagonal factor split along its blocks loses nothing.
  @Test func splitAlongTheBlocksIsExact() throws {
    let a = TestFactors.blockDiagonal(48, block: 16, seed: 5)
    let changes = try UpdateChange(damping: 0.1).changes(
      of: a, candidates: [8, 16])
    #expect(changes.directions[0] > 1e-3)
    #expect(changes.directions[1] < 1e-12 && changes.gradients[1] < 1e-6)
  }
}
