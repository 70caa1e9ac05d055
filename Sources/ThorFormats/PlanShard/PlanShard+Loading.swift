extension PlanShard {
  /// Reads a shard file, checking `format` and `version` before decoding
  /// the rest, so a plan or a newer file gets that error.
  /// - Throws: ``ShardError/unreadable(path:reason:)`` or
  ///   ``ShardError/unknownFormat(path:format:version:)``.
  package static func load(from path: String) throws(ShardError) -> PlanShard {
    try VersionedJSON.load(
      PlanShard.self, from: path, format: formatName, version: formatVersion,
      error: ShardError.self)
  }
}

extension ShardError: VersionedJSONError {}
