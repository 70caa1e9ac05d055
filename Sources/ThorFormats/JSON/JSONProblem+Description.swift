extension JSONProblem: CustomStringConvertible {
  /// The problem in words, by field path: `missing field 'model'`,
  /// `field 'epoch': expected an integer`.
  package var description: String {
    switch self {
    case .missingField(let path):
      "missing field '\(path)'"
    case .wrongType(let path, let expected):
      "field '\(path)': expected \(expected)"
    case .nullValue(let path, let expected):
      "field '\(path)' is null, expected \(expected)"
    case .invalidValue(let path, let reason):
      "field '\(path)': \(reason)"
    case .notJSON(let reason):
      reason
    }
  }
}
