import Testing
import ThorSafetensors

@testable import ThorAnalysis

@Suite("Sharding a dump's factors") struct FactorShardTests {
  static func catalog(_ dims: [Int]) throws -> FactorCatalog {
    var writer = SafetensorsWriter()
    for (k, d) in dims.enumerated() {
      writer.add(
        name: "l\(k).\(k % 2 == 0 ? "A" : "G")", shape: [d, d],
        values: [Float](repeating: 0, count: d * d))
    }
    return try FactorCatalog(
      file: SafetensorsFile(data: writer.serialized(), source: "d"))
  }

  /// Every factor in exactly one shard, each shard in file order, and
  /// loads within the largest factor's weight of each other (greedy
  /// largest-first dealing).
  @Test(arguments: [1, 3, 4, 9])
  func shardsPartitionTheFactors(count: Int) throws {
    let dims = [64, 8, 300, 300, 17, 128, 64, 5]
    let all = try Self.catalog(dims)
    let parts = (0..<count).map { all.shard($0, of: count) }
    let names = parts.flatMap { $0.entries.map(\.tensorName) }
    #expect(names.sorted() == all.entries.map(\.tensorName).sorted())
    for part in parts {
      let order = part.entries.map { e in
        all.entries.firstIndex { $0.tensorName == e.tensorName }!
      }
      #expect(order == order.sorted())
    }
    let loads = parts.map {
      $0.entries.reduce(0) { $0 + $1.dimension * $1.dimension }
    }
    #expect(loads.max()! - loads.min()! <= 300 * 300)
  }

  /// The dealing by hand, for 3 shards: weights d² (or d³) order the
  /// factors 2, 3 (300), 5 (128), 0, 6 (64), 4 (17), 1 (8), 7 (5); each
  /// goes to the least-loaded shard (the first on ties): 2 to shard 0,
  /// 3 to shard 1, and every later one to shard 2.
  @Test(arguments: [2, 3])
  func dealingIsLargestFirstToTheLeastLoaded(exponent: Int) throws {
    let all = try Self.catalog([64, 8, 300, 300, 17, 128, 64, 5])
    let names = (0..<3).map { i in
      all.shard(i, of: 3, exponent: exponent).entries.map(\.tensorName)
    }
    #expect(
      names == [
        ["l2.A"], ["l3.G"], ["l0.A", "l1.G", "l4.A", "l5.G", "l6.A", "l7.G"],
      ])
  }
}
