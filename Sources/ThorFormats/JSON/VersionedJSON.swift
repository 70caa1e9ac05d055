import Foundation

/// Reading a versioned JSON format: its `format` and `version` fields
/// first, so that a file of another kind or a newer version is named as
/// such, then the whole document.
package enum VersionedJSON {
  /// The `format` and `version` fields of a document.
  package struct Header: Decodable, Sendable {
    package var format: String?
    package var version: Int?
  }

  /// Reads the header of `data`.
  /// - Throws: ``JSONProblem``.
  package static func header(of data: Data) throws(JSONProblem) -> Header {
    try decode(Header.self, from: data)
  }

  /// Reads the file at `path` as `type`, checking its `format` and
  /// `version` fields before decoding the rest, so that a foreign or
  /// newer file gets that error.
  /// - Throws: `E`: ``VersionedJSONError/unreadable(path:reason:)`` or
  ///   ``VersionedJSONError/unknownFormat(path:format:version:)``.
  package static func load<T: Decodable, E: VersionedJSONError>(
    _ type: T.Type, from path: String, format: String, version: Int,
    error: E.Type
  ) throws(E) -> T {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: path, reason: error.localizedDescription)
    }
    guard let header = try? header(of: data) else {
      throw .unreadable(path: path, reason: "not a JSON object")
    }
    guard header.format == format, header.version == version else {
      throw .unknownFormat(
        path: path, format: header.format ?? "(none)",
        version: header.version)
    }
    do {
      return try decode(type, from: data)
    } catch {
      throw .unreadable(path: path, reason: error.description)
    }
  }

  /// Decodes `data` as `type`.
  /// - Throws: ``JSONProblem`` locating the field at fault.
  package static func decode<T: Decodable>(_ type: T.Type, from data: Data)
    throws(JSONProblem) -> T
  {
    do {
      return try JSONDecoder().decode(type, from: data)
    } catch {
      throw JSONProblem(error)
    }
  }
}
