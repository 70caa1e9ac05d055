/// A usage error: the command line does not match the command's specs.
///
/// The runner prints `Error: <description>`, the usage line and a pointer
/// to `--help` on stderr and exits with status 64 (`EX_USAGE`).
package enum CommandLineError: Error, Equatable, Sendable {
  /// An option no spec declares, with the closest declared one.
  case unknownOption(String, suggestion: String?)
  /// A subcommand the registry lacks, with the closest one.
  case unknownSubcommand(String, suggestion: String?)
  /// An option that needs a value came last or before another option.
  case missingValue(option: String)
  /// A flag was given a value (`--quiet=yes`).
  case unexpectedValue(flag: String, value: String)
  /// A value failed its type or a command's check.
  case invalidValue(option: String, value: String, reason: String)
  /// A required option or positional argument is absent.
  case missingRequired(String)
  /// A positional value no argument spec takes.
  case unexpectedArgument(String)
}

extension CommandLineError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .unknownOption(let option, let suggestion):
      "Unknown option '\(option)'."
        + (suggestion.map { " Did you mean '\($0)'?" } ?? "")
    case .unknownSubcommand(let name, let suggestion):
      "Unknown subcommand '\(name)'."
        + (suggestion.map { " Did you mean '\($0)'?" } ?? "")
    case .missingValue(let option):
      "Missing value for '\(option)'."
    case .unexpectedValue(let flag, let value):
      "The flag '\(flag)' takes no value (got '\(value)')."
    case .invalidValue(let option, let value, let reason):
      "The value '\(value)' is invalid for '\(option)': \(reason)."
    case .missingRequired(let label):
      "Missing expected argument '\(label)'."
    case .unexpectedArgument(let value):
      "Unexpected argument '\(value)'."
    }
  }
}
