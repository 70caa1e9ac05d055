import Foundation

extension HardwareProfile {
  /// The `format` and `version` fields, read before anything else so that
  /// a file of another kind is named as such.
  private struct Header: Decodable {
    var format: String?
    var version: Int?
  }

  /// Reads and validates a profile file.
  ///
  /// Checks, in order: JSON, `format`, `version`, every required field and
  /// its type, then the values: `method` and `dtype` known, at least one
  /// result, dimensions positive, at most ``largestDim`` and distinct
  /// (results are sorted by `dim`), times positive
  /// and finite with `min_us ≤ median_us ≤ p90_us`, `repeats ≥ 0` (0: not
  /// known, as in transcribed profiles), `gflops` finite and non-negative,
  /// `machine.cores` and `machine.threads` positive. Unknown fields are
  /// ignored.
  /// - Throws: ``ProfileError`` naming the file and the field at fault.
  public static func load(from url: URL) throws(ProfileError) -> HardwareProfile
  {
    let file = url.path
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .unreadable(file: file, reason: Self.reason(error))
    }
    return try decode(data, file: file)
  }

  /// Decodes and validates profile JSON; `file` names it in errors.
  /// - Throws: ``ProfileError``.
  public static func decode(_ data: Data, file: String)
    throws(ProfileError) -> HardwareProfile
  {
    let decoder = JSONDecoder()
    let header: Header
    do {
      header = try decoder.decode(Header.self, from: data)
    } catch {
      throw Self.profileError(error, file: file)
    }
    guard let format = header.format else {
      throw .missingField(file: file, field: "format")
    }
    guard format == formatName else {
      throw .wrongFormat(file: file, found: format)
    }
    guard let version = header.version else {
      throw .missingField(file: file, field: "version")
    }
    guard readableVersions.contains(version) else {
      throw .unsupportedVersion(file: file, found: version)
    }
    var profile: HardwareProfile
    do {
      profile = try decoder.decode(HardwareProfile.self, from: data)
    } catch {
      throw Self.profileError(error, file: file)
    }
    try profile.validate(file: file)
    return profile
  }

  /// Maps a decoding error to the field it concerns.
  private static func profileError(_ error: any Error, file: String)
    -> ProfileError
  {
    guard let error = error as? DecodingError else {
      return .malformedJSON(file: file, reason: reason(error))
    }
    switch error {
    case .keyNotFound(let key, let context):
      return .missingField(
        file: file, field: fieldPath(context.codingPath + [key]))
    case .typeMismatch(let type, let context),
      .valueNotFound(let type, let context):
      return .wrongType(
        file: file, field: fieldPath(context.codingPath),
        expected: typeName(type))
    case .dataCorrupted(let context) where !context.codingPath.isEmpty:
      return .wrongType(
        file: file, field: fieldPath(context.codingPath),
        expected: "a value of the declared type")
    case .dataCorrupted(let context):
      return .malformedJSON(
        file: file,
        reason: context.underlyingError.map(reason) ?? context.debugDescription)
    @unknown default:
      return .malformedJSON(file: file, reason: reason(error))
    }
  }

  /// `results[2].median_us` from a coding path.
  private static func fieldPath(_ path: [any CodingKey]) -> String {
    var text = ""
    for key in path {
      if let index = key.intValue {
        text += "[\(index)]"
      } else {
        text += (text.isEmpty ? "" : ".") + key.stringValue
      }
    }
    return text
  }

  private static func typeName(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Int.Type: "an integer"
    case is Double.Type: "a number"
    case is [String: String].Type: "an object of strings"
    default: "a JSON \(String(describing: type).lowercased())"
    }
  }

  private static func reason(_ error: any Error) -> String {
    (error as NSError).localizedDescription
  }
}
