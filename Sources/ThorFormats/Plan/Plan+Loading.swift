import Foundation

extension Plan {
  /// Why a plan file cannot be used.
  package enum LoadError: Error, Sendable, Equatable {
    /// Unreadable, not JSON, or a field missing or of the wrong type.
    case unreadable(path: String, reason: String)
    /// Another format, or a version this build does not read.
    case unknownFormat(path: String, format: String, version: Int?)
  }

  /// Reads a plan file, checking its `format` and `version` before
  /// decoding the rest, so a foreign or newer file gets that error.
  /// - Throws: ``LoadError``.
  package static func load(from path: String) throws(LoadError) -> Plan {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: path, reason: error.localizedDescription)
    }
    let header: VersionedJSON.Header
    do {
      header = try VersionedJSON.header(of: data)
    } catch {
      throw .unreadable(path: path, reason: "not a JSON object")
    }
    try checkFormat(header.format, header.version, path: path)
    do {
      return try VersionedJSON.decode(Plan.self, from: data)
    } catch {
      throw .unreadable(path: path, reason: Self.reason(error))
    }
  }

  /// Checks that a plan built in memory or decoded elsewhere is of the
  /// format and version this build reads.
  /// - Throws: ``LoadError/unknownFormat(path:format:version:)``.
  package func checkFormat(path: String) throws(LoadError) {
    try Self.checkFormat(format, version, path: path)
  }

  private static func checkFormat(
    _ format: String?, _ version: Int?, path: String
  ) throws(LoadError) {
    guard format == formatName, version == formatVersion else {
      throw .unknownFormat(
        path: path, format: format ?? "(none)", version: version)
    }
  }

  private static func reason(_ problem: JSONProblem) -> String {
    switch problem {
    case .missingField(let path): "missing field '\(path)'"
    case .wrongType(let path, _): "wrong type at '\(path)'"
    case .nullValue(let path, _): "null at '\(path)'"
    case .invalidValue(let path, let reason): "\(path): \(reason)"
    case .notJSON(let reason): reason
    }
  }
}
