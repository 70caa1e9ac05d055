import ThorLinalg

/// Element-wise loops over `Float` buffers in 16-lane SIMD blocks with a
/// scalar tail, branch-free, for the layers' hot loops.
enum ElementWise {
  private typealias Block = SIMD16<Float>

  /// Elements per worker below which a second worker is not worth waking
  /// for these loops (`reports/benchmarks/grain-mlp-ab.log`).
  static var grain: Int { 1 << 17 }

  /// `y[i] = max(x[i], 0)` for `i` in `range`.
  static func rectify(
    _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
    range: Range<Int>
  ) {
    var i = range.lowerBound
    while i + Block.scalarCount <= range.upperBound {
      let v = UnsafeRawPointer(x + i).loadUnaligned(as: Block.self)
      UnsafeMutableRawPointer(y + i).storeBytes(
        of: v.replacing(with: 0, where: v .< 0), as: Block.self)
      i += Block.scalarCount
    }
    while i < range.upperBound {
      y[i] = x[i] < 0 ? 0 : x[i]
      i += 1
    }
  }

  /// `dx[i] = y[i] > 0 ? g[i] : 0` for `i` in `range`.
  static func passWherePositive(
    _ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
    into dx: UnsafeMutablePointer<Float>, range: Range<Int>
  ) {
    var i = range.lowerBound
    while i + Block.scalarCount <= range.upperBound {
      let v = UnsafeRawPointer(g + i).loadUnaligned(as: Block.self)
      let s = UnsafeRawPointer(y + i).loadUnaligned(as: Block.self)
      UnsafeMutableRawPointer(dx + i).storeBytes(
        of: v.replacing(with: 0, where: .!(s .> 0)), as: Block.self)
      i += Block.scalarCount
    }
    while i < range.upperBound {
      dx[i] = y[i] > 0 ? g[i] : 0
      i += 1
    }
  }

  /// ``momentumStep(_:_:_:lr:mu:scale:wd:nesterov:range:)`` on `range`,
  /// split over workers (``BatchParallel``, ``grain`` elements each).
  static func splitMomentumStep(
    _ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>,
    _ v: UnsafeMutablePointer<Float>, lr: Float, mu: Float,
    scale: Float = 1, wd: Float, nesterov: Bool, range: Range<Int>
  ) {
    let first = range.lowerBound
    BatchParallel.split(range.count, grain: grain) { _, slice in
      momentumStep(
        p, g, v, lr: lr, mu: mu, scale: scale, wd: wd, nesterov: nesterov,
        range: (first + slice.lowerBound)..<(first + slice.upperBound))
    }
  }

  /// The momentum step of ``SGD`` and the K-FAC family on `range`:
  /// `d = s·g + wd·p`, `v ← μ·v + d`, then `p ← p − lr·v`, or with
  /// Nesterov `p ← p − lr·(d + μ·v)`.
  static func momentumStep(
    _ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>,
    _ v: UnsafeMutablePointer<Float>, lr: Float, mu: Float,
    scale: Float = 1, wd: Float, nesterov: Bool, range: Range<Int>
  ) {
    var i = range.lowerBound
    while i + Block.scalarCount <= range.upperBound {
      let pi = UnsafeRawPointer(p + i).loadUnaligned(as: Block.self)
      let gi = UnsafeRawPointer(g + i).loadUnaligned(as: Block.self)
      let vi = UnsafeRawPointer(v + i).loadUnaligned(as: Block.self)
      let d = scale * gi + wd * pi
      let w = mu * vi + d
      let step = nesterov ? d + mu * w : w
      UnsafeMutableRawPointer(v + i).storeBytes(of: w, as: Block.self)
      UnsafeMutableRawPointer(p + i).storeBytes(
        of: pi - lr * step, as: Block.self)
      i += Block.scalarCount
    }
    while i < range.upperBound {
      let d = scale * g[i] + wd * p[i]
      v[i] = mu * v[i] + d
      p[i] -= lr * (nesterov ? d + mu * v[i] : v[i])
      i += 1
    }
  }
}
