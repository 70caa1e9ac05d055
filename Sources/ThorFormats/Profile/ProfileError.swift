/// Why a hardware profile file was rejected; each case names the file and,
/// where one is at fault, the field (`results[2].median_us`).
package enum ProfileError: Error, Equatable, Sendable {
  /// The file could not be read.
  case unreadable(file: String, reason: String)
  /// The file is not valid JSON.
  case malformedJSON(file: String, reason: String)
  /// `format` is not `thor-tune/profile`.
  case wrongFormat(file: String, found: String)
  /// `version` is one this build does not read.
  case unsupportedVersion(file: String, found: Int)
  /// A required field is absent.
  case missingField(file: String, field: String)
  /// A field holds the wrong JSON type.
  case wrongType(file: String, field: String, expected: String)
  /// A field's value breaks a rule of the format.
  case invalidValue(file: String, field: String, reason: String)
}

extension ProfileError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .unreadable(let file, let reason):
      "cannot read profile '\(file)': \(reason)"
    case .malformedJSON(let file, let reason):
      "profile '\(file)' is not valid JSON: \(reason)"
    case .wrongFormat(let file, let found):
      "'\(file)' is not a thor-tune profile: format is '\(found)', "
        + "expected '\(HardwareProfile.formatName)'"
    case .unsupportedVersion(let file, let found):
      "profile '\(file)' has version \(found); this thor-tune reads "
        + "versions \(HardwareProfile.readableVersions.lowerBound) to "
        + "\(HardwareProfile.readableVersions.upperBound)"
    case .missingField(let file, let field):
      "profile '\(file)': required field '\(field)' is missing"
    case .wrongType(let file, let field, let expected):
      "profile '\(file)': field '\(field)' should be \(expected)"
    case .invalidValue(let file, let field, let reason):
      "profile '\(file)': field '\(field)' \(reason)"
    }
  }
}
