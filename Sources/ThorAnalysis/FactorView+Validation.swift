extension FactorView {
  /// What one pass over every stored element finds.
  struct Findings {
    /// The first NaN or infinity in stored (row-major) order.
    var nonFinite: (row: Int, column: Int)?
    /// `max |aᵢⱼ|`.
    var largest = 0.0
    /// `max |aᵢⱼ − aⱼᵢ|`.
    var largestAsymmetry = 0.0
    /// The first negative diagonal element.
    var negativeDiagonal: (index: Int, value: Double)?
  }

  /// The tile edge of the validation pass: two tiles of `Float64` stay in
  /// cache while each pair `aᵢⱼ, aⱼᵢ` is compared.
  static let tile = 256

  /// Reads every element once, tile pair by tile pair.
  func inspect() -> Findings {
    let d = dimension
    let t = Self.tile
    let scratch = Scratch(count: 2 * t * t)
    let p = scratch.base
    let q = scratch.base + t * t
    var found = Findings()
    var probe = 0.0  // NaN once any element is not finite
    for c0 in stride(from: 0, to: d, by: t) {
      let columns = c0..<Swift.min(d, c0 + t)
      for r0 in stride(from: 0, through: c0, by: t) {
        let rows = r0..<Swift.min(d, r0 + t)
        let m = rows.count
        let n = columns.count
        block(rows: rows, columns: columns, into: p)
        if r0 == c0 {
          Self.compare(p, p, n, n, diagonal: true, &found, &probe)
          for i in 0..<n where found.negativeDiagonal == nil {
            let value = p[i * (n + 1)]
            if value < 0 { found.negativeDiagonal = (c0 + i, value) }
          }
        } else {
          block(rows: columns, columns: rows, into: q)
          Self.compare(p, q, m, n, diagonal: false, &found, &probe)
        }
        done(columns: columns)
        done(columns: rows)
      }
    }
    if probe.isNaN { found.nonFinite = firstNonFinite(scratch) }
    withExtendedLifetime(scratch) {}
    return found
  }

  /// Compares tile `p` (`m x n`) with its mirror `q` (`n x m`); a
  /// diagonal tile (`q` = `p`, `m` = `n`) only on and above its diagonal.
  private static func compare(
    _ p: UnsafeMutablePointer<Double>, _ q: UnsafeMutablePointer<Double>,
    _ m: Int, _ n: Int, diagonal: Bool, _ found: inout Findings,
    _ probe: inout Double
  ) {
    var largest = found.largest
    var asymmetry = found.largestAsymmetry
    var nan = probe
    for j in 0..<n {
      for i in 0..<(diagonal ? j + 1 : m) {
        let a = p[i + j * m]
        let b = q[j + i * n]
        nan += a * 0 + b * 0
        largest = Swift.max(largest, Swift.max(abs(a), abs(b)))
        asymmetry = Swift.max(asymmetry, abs(a - b))
      }
    }
    (found.largest, found.largestAsymmetry, probe) = (largest, asymmetry, nan)
  }

  /// The first non-finite element in stored order (the error path).
  private func firstNonFinite(_ scratch: Scratch) -> (row: Int, column: Int)? {
    let d = dimension
    let piece = scratch.count
    // Stored row j is column j here, read in pieces of the scratch's size.
    for j in 0..<d {
      for r0 in stride(from: 0, to: d, by: piece) {
        let rows = r0..<Swift.min(d, r0 + piece)
        column(j, rows: rows, into: scratch.base)
        for i in 0..<rows.count where !scratch.base[i].isFinite {
          return (j, r0 + i)
        }
      }
    }
    return nil
  }
}
