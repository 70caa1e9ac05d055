import ThorLinalg

extension SplitMix64 {
  /// A uniform value in [-1, 1].
  mutating func uniform() -> Double { Double.random(in: -1...1, using: &self) }
}

enum TestFactors {
  /// `XᵀX/m` for `m` samples of `d` correlated features with a positive
  /// mean (like post-ReLU activations) and decaying feature scales.
  static func covariance(_ d: Int, samples m: Int, seed: UInt64)
    -> Matrix<Double>
  {
    var rng = SplitMix64(seed: seed)
    var x = Matrix<Double>(rows: m, columns: d)
    for i in 0..<m {
      var previous = 0.0
      for j in 0..<d {
        previous = 0.6 * previous + rng.uniform()
        x[i, j] = (0.3 + previous) / (1 + Double(j) / 40)
      }
    }
    return x.gram(scaledBy: 1 / Double(x.rows))
  }

  /// A block-diagonal factor: independent covariances on `s`-blocks (the
  /// last block holds the remainder).
  static func blockDiagonal(_ d: Int, block s: Int, seed: UInt64)
    -> Matrix<Double>
  {
    var a = Matrix<Double>(rows: d, columns: d)
    for (k, range) in BlockPartition(dimension: d, split: s).ranges
      .enumerated()
    {
      let b = covariance(range.count, samples: 2 * s, seed: seed + UInt64(k))
      for j in 0..<range.count {
        for i in 0..<range.count {
          a[range.lowerBound + i, range.lowerBound + j] = b[i, j]
        }
      }
    }
    return a
  }

  /// Eq. 11 by full eigendecompositions of the whole and of every block.
  static func denseLosses(_ a: Matrix<Double>, candidates: [Int]) throws
    -> [Double]
  {
    let whole = try a.symmetricEigenvalues().last!
    return try candidates.map { s in
      let blocks = try BlockPartition(dimension: a.rows, split: s).ranges
        .map { try a.block($0).symmetricEigenvalues().last! }
      return 1 - blocks.max()! / whole
    }
  }
}
