/// The diagonal blocks of a dimension-`d` factor split at `s` (README
/// definitions, Eq. 10): `⌊d/s⌋` consecutive blocks of size `s`, then the
/// remainder `d mod s` when it is non-zero. `s ≥ d` means one block: no split.
package struct BlockPartition: Sendable, Equatable, Hashable {
  /// The factor's dimension.
  package let dimension: Int
  /// The block size, clamped to `dimension` (at least 1).
  package let split: Int

  /// Creates the partition of `dimension` at `split` (`split ≥ 1`).
  package init(dimension: Int, split: Int) {
    precondition(dimension >= 0, "negative dimension")
    precondition(split >= 1, "split must be at least 1")
    self.dimension = dimension
    self.split = Swift.max(1, Swift.min(split, dimension))
  }

  /// Number of full blocks of size ``split``.
  package var fullBlockCount: Int { dimension / split }

  /// Size of the trailing remainder block (0 when none).
  package var remainder: Int { dimension % split }

  /// Number of blocks, the remainder included.
  package var blockCount: Int { fullBlockCount + (remainder > 0 ? 1 : 0) }

  /// The rows (and columns) each block covers.
  package var ranges: [Range<Int>] {
    var result = (0..<fullBlockCount).map { $0 * split..<($0 + 1) * split }
    if remainder > 0 { result.append(dimension - remainder..<dimension) }
    return result
  }

  /// Elements stored when each block is kept dense: `Σ nⱼ²`.
  package var packedCount: Int {
    fullBlockCount * split * split + remainder * remainder
  }
}
