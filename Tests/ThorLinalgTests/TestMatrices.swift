@testable import ThorLinalg

/// A small deterministic generator, so tests need no global state.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension Matrix {
  /// A random symmetric positive-definite matrix `XᵀX/n + I`.
  static func wellConditioned(_ n: Int, seed: UInt64) -> Matrix {
    var rng = SplitMix64(seed: seed)
    let x = Matrix(rows: n, columns: n) { _, _ in
      Scalar(Double.random(in: -1...1, using: &rng))
    }
    var a = x.gram(scaledBy: 1 / Scalar(n))
    a.addToDiagonal(1)
    return a
  }
}
