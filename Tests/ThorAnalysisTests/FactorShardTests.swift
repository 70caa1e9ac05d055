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

  /// Every factor in exactly one shard, each shard in file order, the
  /// same part every time, and loads within the largest factor's weight
  /// of each other (greedy largest-first dealing).
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
    #expect(
      parts.map(\.entries)
        == (0..<count).map {
          all.shard($0, of: count).entries
        })
    let loads = parts.map {
      $0.entries.reduce(0) { $0 + $1.dimension * $1.dimension }
    }
    #expect(loads.max()! - loads.min()! <= 300 * 300)
  }
}
