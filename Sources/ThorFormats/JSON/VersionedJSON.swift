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
