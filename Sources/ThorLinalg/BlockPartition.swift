/// The diagonal blocks of a dimension-`d` factor split at `s` (README
/// definitions, Eq. 10): `⌊d/s⌋` consecutive blocks of size `s`, then the
/// remainder `d mod s` when it is non-zero. `s ≥ d` means one block: no split.
public struct BlockPartition: Sendable, Equatable, Hashable {
  /// The factor's dimension.
  public let dimension: Int
  /// The block size, clamped to `dimension` (at least 1).
  public let split: Int

  /// Creates the partition of `dimension` at `split` (`split ≥ 1`).
  public init(dimension: Int, split: Int) {
    precondition(dimension >= 0, "negative dimension")
    precondition(split >= 1, "split must be at least 1")
    self.dimension = dimension
    self.split = Swift.max(1, Swift.min(split, dimension))
  }

  /// Number of full blocks of size ``split``.
  public var fullBlockCount: Int { dimension / split }

  /// Size of the trailing remainder block (0 when none).
  public var remainder: Int { dimension % split }

  /// Number of blocks, the remainder included.
  public var blockCount: Int { fullBlockCount + (remainder > 0 ? 1 : 0) }

  /// The rows (and columns) each block covers.
  public var ranges: [Range<Int>] {
    var result = (0..<fullBlockCount).map { $0 * split..<($0 + 1) * split }
    if remainder > 0 { result.append(dimension - remainder..<dimension) }
    return result
  }

  /// Elements stored when each block is kept dense: `Σ nⱼ²`.
  public var packedCount: Int {
    fullBlockCount * split * split + remainder * remainder
  }
}
