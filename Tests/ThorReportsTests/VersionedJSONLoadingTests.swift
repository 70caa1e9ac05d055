import Foundation
import Testing
import ThorFormats

/// The plan and shard loaders share one reader and one wording of a
/// field that cannot be decoded.
@Suite("Versioned JSON loading") struct VersionedJSONLoadingTests {
  func file(_ json: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("versioned-\(UUID().uuidString).json").path
    try Data(json.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func planMissingFieldIsNamed() throws {
    let path = try file(#"{"format": "thor-tune/plan", "version": 1}"#)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(
      throws: Plan.LoadError.unreadable(
        path: path, reason: "missing field 'provenance'")
    ) {
      try Plan.load(from: path)
    }
  }

  @Test func shardWrongTypeIsNamedByItsPath() throws {
    let path = try file(
      #"{"format": "thor-tune/plan-shard", "version": 1, "#
        + #""shard": {"index": "one", "count": 2}}"#)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(
      throws: ShardError.unreadable(
        path: path, reason: "field 'shard.index': expected an integer")
    ) {
      try PlanShard.load(from: path)
    }
  }

  @Test func foreignFormatsAreNamed() throws {
    let path = try file(#"{"format": "thor-tune/plan", "version": 1}"#)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(
      throws: ShardError.unknownFormat(
        path: path, format: "thor-tune/plan", version: 1)
    ) {
      try PlanShard.load(from: path)
    }
    let notJSON = try file("[1, 2]")
    defer { try? FileManager.default.removeItem(atPath: notJSON) }
    #expect(
      throws: Plan.LoadError.unreadable(
        path: notJSON, reason: "not a JSON object")
    ) {
      try Plan.load(from: notJSON)
    }
  }
}
