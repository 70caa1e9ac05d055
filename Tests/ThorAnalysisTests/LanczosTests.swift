import Testing
import ThorLinalg

@testable import ThorAnalysis

@Suite("Lanczos and the tridiagonal helpers") struct LanczosTests {
  /// Small BLAS calls run fastest, and steadiest on a loaded machine, on
  /// one thread (the analyser sets the same for its workers).
  init() { OpenBLAS.setThreads(1) }

  static func randomTridiagonal(_ k: Int, seed: UInt64)
    -> SymmetricTridiagonal
  {
    var rng = SplitMix64(seed: seed)
    var t = SymmetricTridiagonal()
    t.diagonal = (0..<k).map { _ in rng.uniform() * 3 }
    t.offDiagonal = (0..<k - 1).map { _ in 0.1 + abs(rng.uniform()) }
    return t
  }

  static func dense(_ t: SymmetricTridiagonal, order k: Int)
    -> Matrix<Double>
  {
    Matrix(rows: k, columns: k) { i, j in
      if i == j { return t.diagonal[i] }
      if abs(i - j) == 1 { return t.offDiagonal[min(i, j)] }
      return 0
    }
  }

  @Test(arguments: [1, 2, 5, 30])
  func bisectionMatchesLAPACK(k: Int) throws {
    let t = Self.randomTridiagonal(k, seed: UInt64(k))
    let all = try Self.dense(t, order: k).symmetricEigenvalues()
    #expect(abs(t.eigenvalue(fromTop: 0) - all[k - 1]) <= 1e-13)
    if k > 1 {
      #expect(abs(t.eigenvalue(fromTop: 1) - all[k - 2]) <= 1e-13)
    }
  }

  /// `yₖ² = Π(θ − μᵢ) / Π_{i>1}(θ − θᵢ)` with `μ` the eigenvalues of the
  /// leading `(k−1) x (k−1)` part (Paige): an independent formula.
  @Test func lastComponentMatchesInterlacingFormula() throws {
    let k = 12
    let t = Self.randomTridiagonal(k, seed: 77)
    let theta = try Self.dense(t, order: k).symmetricEigenvalues()
    let mu = try Self.dense(t, order: k - 1).symmetricEigenvalues()
    let top = theta[k - 1]
    var square = 1.0
    for i in 0..<k - 1 { square *= (top - mu[i]) / (top - theta[i]) }
    let got = t.lastComponentOfTopEigenvector(top: t.eigenvalue(fromTop: 0))
    #expect(abs(got - square.squareRoot()) <= 1e-9)
  }

  /// A clustered top of the spectrum (gaps of 1e-4) still converges to
  /// the tolerance, from below, with an honest bound.
  @Test func clusteredSpectrumConvergesFromBelow() {
    let n = 400
    var rng = SplitMix64(seed: 5)
    let eigenvalues = (0..<n).map { i in
      i < 10 ? 1 - 1e-4 * Double(i) : 0.9 * abs(rng.uniform())
    }
    let a = Matrix<Double>(rows: n, columns: n) { i, j in
      i == j ? eigenvalues[i] : 0
    }
    let estimate = a.withUnsafeElements {
      Lanczos().largestEigenvalue(n: n, a: $0.baseAddress!, lda: n)
    }
    #expect(estimate.converged)
    #expect(estimate.value <= 1 + 1e-15)
    #expect(1 - estimate.value <= max(estimate.errorBound, 1e-10))
  }
}
