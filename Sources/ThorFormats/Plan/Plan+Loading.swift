extension Plan {
  /// Why a plan file cannot be used.
  package enum LoadError: Error, Sendable, Equatable, VersionedJSONError {
    /// Unreadable, not JSON, or a field missing or of the wrong type.
    case unreadable(path: String, reason: String)
    /// Another format, or a version this build does not read.
    case unknownFormat(path: String, format: String, version: Int?)
  }

  /// Reads a plan file, checking its `format` and `version` before
  /// decoding the rest, so a foreign or newer file gets that error.
  /// - Throws: ``LoadError``.
  package static func load(from path: String) throws(LoadError) -> Plan {
    try VersionedJSON.load(
      Plan.self, from: path, format: formatName, version: formatVersion,
      error: LoadError.self)
  }

  /// Checks that a plan built in memory or decoded elsewhere is of the
  /// format and version this build reads.
  /// - Throws: ``LoadError/unknownFormat(path:format:version:)``.
  package func checkFormat(path: String) throws(LoadError) {
    guard format == Self.formatName, version == Self.formatVersion else {
      throw .unknownFormat(
        path: path, format: format, version: version)
    }
  }
}
