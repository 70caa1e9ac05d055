/// Inverts many small symmetric positive-definite blocks at once: blocks
/// are interleaved so that each SIMD lane holds one matrix, and every step
/// of Cholesky, triangular inverse and `T·Tᵀ` runs on all lanes in one
/// instruction. This replaces one `potrf` + `potri` call per block, whose
/// fixed cost dominates for small blocks.
///
/// Lanes: `SIMD8<Float>` and `SIMD4<Double>` (two SSE registers each on the
/// baseline x86-64 target that `swift build` compiles for).
enum BatchedCholesky {
  /// A block that is not positive definite: its index among the blocks and
  /// the order of its failing leading minor (`potrf`'s `info`).
  struct Failure: Equatable {
    var block: Int
    var minor: Int
  }

  /// Inverts the `count` blocks of order `n` stored one after another at
  /// `blocks` (each column-major, `n²` elements) in place, upper triangles
  /// read and written (the lower triangles are left as they were).
  /// - Returns: The first block (in order) that is not positive definite,
  ///   or `nil`. Blocks are left unspecified after a failure.
  static func invert(
    _ blocks: UnsafeMutablePointer<Float>, count: Int, n: Int
  ) -> Failure? {
    invertGroups(blocks, count: count, n: n, lanes: SIMD8<Float>.self)
  }

  /// The `Double` version of `invert(_:count:n:)`.
  static func invert(
    _ blocks: UnsafeMutablePointer<Double>, count: Int, n: Int
  ) -> Failure? {
    invertGroups(blocks, count: count, n: n, lanes: SIMD4<Double>.self)
  }

  @inline(__always)
  private static func invertGroups<V: SIMD>(
    _ blocks: UnsafeMutablePointer<V.Scalar>, count: Int, n: Int,
    lanes _: V.Type
  ) -> Failure? where V.Scalar: BinaryFloatingPoint {
    guard count > 0, n > 0 else { return nil }
    let width = V.scalarCount, area = n * n
    let scratch = UnsafeMutablePointer<V>.allocate(capacity: area)
    defer { scratch.deallocate() }
    let scalars = UnsafeMutableRawPointer(scratch)
      .assumingMemoryBound(to: V.Scalar.self)
    var first = 0
    while first < count {
      let used = min(width, count &- first)
      let group = blocks + first &* area
      interleave(group, used: used, n: n, into: scalars, width: width)
      if let failed = invertInterleaved(scratch, n: n) {
        let l = failed.firstIndex { $0 != 0 }!
        return Failure(block: first + l, minor: failed[l])
      }
      deinterleave(scalars, width: width, n: n, into: group, used: used)
      first &+= width
    }
    return nil
  }

  /// Copies the upper triangles of `used` consecutive `n x n` blocks into
  /// lanes `0..<used` of `scratch` (element `(i, j)` of lane `l` at
  /// `(i + j·n)·width + l`); the other lanes get the identity and every
  /// strictly lower element is zero.
  @inline(__always)
  private static func interleave<T: BinaryFloatingPoint>(
    _ blocks: UnsafePointer<T>, used: Int, n: Int,
    into scratch: UnsafeMutablePointer<T>, width: Int
  ) {
    let area = n &* n
    scratch.update(repeating: 0, count: area &* width)
    for l in 0..<used {
      let source = blocks + l &* area, target = scratch + l
      for j in 0..<n {
        let from = source + j &* n, to = target + j &* n &* width
        for i in 0...j { to[i &* width] = from[i] }
      }
    }
    for l in used..<width {
      for j in 0..<n { scratch[(j &+ j &* n) &* width &+ l] = 1 }
    }
  }

  /// Copies the upper triangles of lanes `0..<used` back to the blocks.
  @inline(__always)
  private static func deinterleave<T: BinaryFloatingPoint>(
    _ scratch: UnsafePointer<T>, width: Int, n: Int,
    into blocks: UnsafeMutablePointer<T>, used: Int
  ) {
    let area = n &* n
    for l in 0..<used {
      let target = blocks + l &* area, source = scratch + l
      for j in 0..<n {
        let from = source + j &* n &* width, to = target + j &* n
        for i in 0...j { to[i] = from[i &* width] }
      }
    }
  }
}
