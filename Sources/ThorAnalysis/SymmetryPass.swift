/// A cache-friendly pass over a dense `Float64` factor that measures and
/// removes asymmetry (every pair `aᵢⱼ, aⱼᵢ` is replaced by its mean, walking
/// 64 x 64 tiles so that both halves stay in cache).
enum SymmetryPass {
  private static let tile = 64

  /// Symmetrizes the `d x d` column-major matrix at `a` in place and
  /// returns `max |aᵢⱼ − aⱼᵢ| / max |aᵢⱼ|` before the change (0 for a zero
  /// matrix). The input must be finite.
  static func symmetrize(
    _ a: UnsafeMutablePointer<Double>, dimension d: Int
  ) -> Double {
    var worst = 0.0
    var largest = 0.0
    for j0 in stride(from: 0, to: d, by: tile) {
      let j1 = Swift.min(d, j0 + tile)
      for i0 in stride(from: 0, through: j0, by: tile) {
        let i1 = Swift.min(d, i0 + tile)
        for j in j0..<j1 {
          let column = a + j * d
          for i in i0..<Swift.min(i1, j) {
            let upper = column[i]
            let lower = a[j + i * d]
            worst = Swift.max(worst, abs(upper - lower))
            largest = Swift.max(largest, Swift.max(abs(upper), abs(lower)))
            let mean = (upper + lower) / 2
            column[i] = mean
            a[j + i * d] = mean
          }
          if j >= i0 && j < i1 { largest = Swift.max(largest, abs(column[j])) }
        }
      }
    }
    return largest == 0 ? 0 : worst / largest
  }
}
