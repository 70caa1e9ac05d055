/// The error of a versioned JSON format's loader
/// (``VersionedJSON/load(_:from:format:version:error:)``).
package protocol VersionedJSONError: Error {
  /// Unreadable, not JSON, or a field missing or of the wrong type.
  static func unreadable(path: String, reason: String) -> Self
  /// Another format, or a version this build does not read.
  static func unknownFormat(path: String, format: String, version: Int?)
    -> Self
}
