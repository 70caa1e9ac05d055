import Testing

@testable import ThorLinalg

@Suite("Block partition (Eq. 10)") struct BlockPartitionTests {
  @Test func exactMultipleHasNoRemainder() {
    let p = BlockPartition(dimension: 12, split: 4)
    #expect(p.ranges == [0..<4, 4..<8, 8..<12])
    #expect(p.fullBlockCount == 3 && p.remainder == 0 && p.blockCount == 3)
    #expect(p.packedCount == 48)
  }

  @Test func remainderIsTheLastBlock() {
    let p = BlockPartition(dimension: 10, split: 4)
    #expect(p.ranges == [0..<4, 4..<8, 8..<10])
    #expect(p.fullBlockCount == 2 && p.remainder == 2 && p.blockCount == 3)
    #expect(p.packedCount == 16 + 16 + 4)
  }

  @Test(arguments: [7, 8, 1000])
  func splitAtLeastDimensionIsOneBlock(split: Int) {
    let p = BlockPartition(dimension: 7, split: split)
    #expect(p.ranges == [0..<7])
    #expect(p.split == 7 && p.blockCount == 1 && p.packedCount == 49)
  }

  @Test func splitOneIsTheDiagonal() {
    let p = BlockPartition(dimension: 5, split: 1)
    #expect(p.ranges == (0..<5).map { $0..<$0 + 1 })
    #expect(p.packedCount == 5)
  }

  @Test(arguments: [(1, 1), (9, 2), (64, 7), (100, 33), (33, 100)])
  func rangesTileTheDimension(dimension: Int, split: Int) {
    let p = BlockPartition(dimension: dimension, split: split)
    var next = 0
    for range in p.ranges {
      #expect(range.lowerBound == next)
      #expect(range.count == min(split, dimension) || range == p.ranges.last)
      next = range.upperBound
    }
    #expect(next == dimension)
    #expect(p.packedCount == p.ranges.map { $0.count * $0.count }.reduce(0, +))
  }

  @Test func emptyDimensionHasNoBlocks() {
    let p = BlockPartition(dimension: 0, split: 4)
    #expect(p.ranges.isEmpty && p.blockCount == 0 && p.packedCount == 0)
  }
}
