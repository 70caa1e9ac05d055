import Dispatch

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

  /// Blocks per SIMD group: the lanes of `SIMD8<Float>` or `SIMD4<Double>`.
  static func lanes<T: LinalgScalar>(for _: T.Type) -> Int {
    T.self == Float.self ? 8 : 4
  }

  /// Inverts the `count` blocks of order `n` stored one after another at
  /// `blocks` (each column-major, `n²` elements) in place, upper triangles
  /// read and written (the lower triangles are left as they were), on up
  /// to `workers` threads (`DispatchQueue.concurrentPerform` over groups).
  /// - Returns: The first block (in order) that is not positive definite,
  ///   or `nil`. Blocks are left unspecified after a failure.
  static func invert(
    _ blocks: UnsafeMutablePointer<Float>, count: Int, n: Int, workers: Int
  ) -> Failure? {
    invertInParallel(
      blocks, count: count, n: n, width: lanes(for: Float.self),
      workers: workers
    ) { invertGroups($0, count: $1, n: n, lanes: SIMD8<Float>.self) }
  }

  /// The `Double` version of `invert(_:count:n:workers:)`.
  static func invert(
    _ blocks: UnsafeMutablePointer<Double>, count: Int, n: Int, workers: Int
  ) -> Failure? {
    invertInParallel(
      blocks, count: count, n: n, width: lanes(for: Double.self),
      workers: workers
    ) { invertGroups($0, count: $1, n: n, lanes: SIMD4<Double>.self) }
  }

  /// Splits the blocks into up to `workers` runs of whole groups of
  /// `width` and inverts them concurrently; keeps the first failure.
  private static func invertInParallel<T>(
    _ blocks: UnsafeMutablePointer<T>, count: Int, n: Int, width: Int,
    workers: Int,
    _ body: @Sendable (UnsafeMutablePointer<T>, Int) -> Failure?
  ) -> Failure? {
    let groups = (count + width - 1) / width
    let runs = max(1, min(workers, groups))
    guard runs > 1 else { return body(blocks, count) }
    // Each run writes its own blocks and its own failure slot only.
    nonisolated(unsafe) let base = blocks
    nonisolated(unsafe) let failures = UnsafeMutableBufferPointer<Failure?>
      .allocate(capacity: runs)
    failures.initialize(repeating: nil)
    defer { failures.deallocate() }
    DispatchQueue.concurrentPerform(iterations: runs) { r in
      let first = groups * r / runs * width
      let last = min(count, groups * (r + 1) / runs * width)
      failures[r] = body(base + first * n * n, last - first).map {
        Failure(block: first + $0.block, minor: $0.minor)
      }
    }
    return failures.lazy.compactMap { $0 }.first
  }

  @inline(__always)
  private static func invertGroups<V: SIMD>(
    _ blocks: UnsafeMutablePointer<V.Scalar>, count: Int, n: Int,
    lanes _: V.Type
  ) -> Failure? where V.Scalar: BinaryFloatingPoint {
    guard count > 0, n > 0 else { return nil }
    // An odd leading dimension: with a power-of-two column stride, the
    // row-wise walks would map to a few L1 sets and evict each other.
    let width = V.scalarCount
    let area = n * n
    let ld = n | 1
    let scratch = UnsafeMutablePointer<V>.allocate(capacity: n * ld)
    defer { scratch.deallocate() }
    let scalars = UnsafeMutableRawPointer(scratch)
      .assumingMemoryBound(to: V.Scalar.self)
    var first = 0
    while first < count {
      let used = min(width, count &- first)
      let group = blocks + first &* area
      interleave(
        group, used: used, n: n, into: scalars, ld: ld, width: width)
      if let failed = invertInterleaved(scratch, n: n, ld: ld) {
        let l = failed.firstIndex { $0 != 0 }!
        return Failure(block: first + l, minor: failed[l])
      }
      deinterleave(
        scalars, ld: ld, width: width, n: n, into: group, used: used)
      first &+= width
    }
    return nil
  }

  /// Copies the upper triangles of `used` consecutive `n x n` blocks into
  /// lanes `0..<used` of `scratch` (element `(i, j)` of lane `l` at
  /// `(i + j·ld)·width + l`); the other lanes get the identity and every
  /// other element is zero.
  @inline(__always)
  private static func interleave<T: BinaryFloatingPoint>(
    _ blocks: UnsafePointer<T>, used: Int, n: Int,
    into scratch: UnsafeMutablePointer<T>, ld: Int, width: Int
  ) {
    let area = n &* n
    scratch.update(repeating: 0, count: n &* ld &* width)
    for l in 0..<used {
      let source = blocks + l &* area
      let target = scratch + l
      for j in 0..<n {
        let from = source + j &* n
        let to = target + j &* ld &* width
        for i in 0...j { to[i &* width] = from[i] }
      }
    }
    for l in used..<width {
      for j in 0..<n { scratch[(j &+ j &* ld) &* width &+ l] = 1 }
    }
  }

  /// Copies the upper triangles of lanes `0..<used` back to the blocks.
  @inline(__always)
  private static func deinterleave<T: BinaryFloatingPoint>(
    _ scratch: UnsafePointer<T>, ld: Int, width: Int, n: Int,
    into blocks: UnsafeMutablePointer<T>, used: Int
  ) {
    let area = n &* n
    for l in 0..<used {
      let target = blocks + l &* area
      let source = scratch + l
      for j in 0..<n {
        let from = source + j &* ld &* width
        let to = target + j &* n
        for i in 0...j { to[i] = from[i &* width] }
      }
    }
  }
}
