import Foundation

extension PlanShard {
  /// Reads a shard file, checking `format` and `version` before decoding
  /// the rest, so a plan or a newer file gets that error.
  /// - Throws: ``ShardError/unreadable(path:reason:)`` or
  ///   ``ShardError/unknownFormat(path:format:version:)``.
  package static func load(from path: String) throws(ShardError) -> PlanShard {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: path, reason: error.localizedDescription)
    }
    guard let header = try? VersionedJSON.header(of: data) else {
      throw .unreadable(path: path, reason: "not a JSON object")
    }
    guard header.format == formatName, header.version == formatVersion
    else {
      throw .unknownFormat(
        path: path, format: header.format ?? "(none)",
        version: header.version)
    }
    do {
      return try VersionedJSON.decode(PlanShard.self, from: data)
    } catch {
      throw .unreadable(path: path, reason: "\(error)")
    }
  }
}
