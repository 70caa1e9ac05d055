/// Failures writing output files, each naming the path and the system's
/// reason.
package enum OutputError: Error, Equatable, Sendable {
  /// A folder on the way to the output could not be created.
  case cannotCreateDirectory(path: String, reason: String)
  /// The output (or its temporary file) could not be written.
  case cannotWrite(path: String, reason: String)
  /// The finished temporary output could not be renamed into place.
  case cannotReplace(path: String, reason: String)
  /// The value could not be encoded as JSON.
  case cannotEncode(path: String, reason: String)
  /// Replacing an existing output folder would delete files the command
  /// does not write (a user's logs, say).
  case foreignFiles(path: String, names: [String])
}

extension OutputError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .cannotCreateDirectory(let path, let reason):
      "cannot create folder '\(path)': \(reason)"
    case .cannotWrite(let path, let reason):
      "cannot write '\(path)': \(reason)"
    case .cannotReplace(let path, let reason):
      "cannot move the finished output into place at '\(path)': \(reason)"
    case .cannotEncode(let path, let reason):
      "cannot encode the JSON for '\(path)': \(reason)"
    case .foreignFiles(let path, let names):
      "'\(path)' holds files this command does not write ("
        + names.joined(separator: ", ")
        + "); replacing the folder would delete them: choose another "
        + "output folder or move them"
    }
  }
}
