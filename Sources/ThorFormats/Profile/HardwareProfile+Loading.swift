import Foundation

extension HardwareProfile {
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
  package static func load(from url: URL) throws(ProfileError)
    -> HardwareProfile
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
  package static func decode(_ data: Data, file: String)
    throws(ProfileError) -> HardwareProfile
  {
    do {
      let header = try VersionedJSON.header(of: data)
      guard let format = header.format else {
        throw ProfileError.missingField(file: file, field: "format")
      }
      guard format == formatName else {
        throw ProfileError.wrongFormat(file: file, found: format)
      }
      guard let version = header.version else {
        throw ProfileError.missingField(file: file, field: "version")
      }
      guard readableVersions.contains(version) else {
        throw ProfileError.unsupportedVersion(file: file, found: version)
      }
      var profile = try VersionedJSON.decode(HardwareProfile.self, from: data)
      try profile.validate(file: file)
      return profile
    } catch let error as ProfileError {
      throw error
    } catch let problem as JSONProblem {
      throw Self.profileError(problem, file: file)
    } catch {
      throw .malformedJSON(file: file, reason: "\(error)")
    }
  }

  /// The profile error for a field a decoder could not read.
  private static func profileError(_ problem: JSONProblem, file: String)
    -> ProfileError
  {
    switch problem {
    case .notJSON(let reason):
      .malformedJSON(file: file, reason: reason)
    case .missingField(let path):
      .missingField(file: file, field: path)
    case .wrongType(let path, let expected),
      .nullValue(let path, let expected):
      .wrongType(file: file, field: path, expected: expected)
    case .invalidValue(let path, let reason):
      .invalidValue(file: file, field: path, reason: reason)
    }
  }

  private static func reason(_ error: any Error) -> String {
    (error as NSError).localizedDescription
  }
}
