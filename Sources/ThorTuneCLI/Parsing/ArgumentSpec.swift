/// A positional argument of a command: `thor-tune plan <factors>`.
package struct ArgumentSpec: Sendable {
  /// The placeholder shown in usage and help, without angle brackets.
  package let name: String
  /// One or more sentences for the ARGUMENTS section.
  package let help: String
  /// Whether the argument may be left out.
  package let isOptional: Bool
  /// Whether the argument takes all remaining positional values (only the
  /// last argument may).
  package let isRepeating: Bool
  /// Returns why a value is invalid, or nil when it is valid.
  let check: @Sendable (String) -> String?

  /// A positional argument of type `type`.
  package init<T: ArgumentValue>(
    _ name: String, as type: T.Type = String.self, help: String,
    optional: Bool = false, repeating: Bool = false
  ) {
    self.name = name
    self.help = help
    isOptional = optional
    isRepeating = repeating
    check = T.invalidReason
  }

  /// The argument as usage lines show it: `<file>`, `[<file>]`,
  /// `<file> ...`.
  var usage: String {
    let base = "<\(name)>" + (isRepeating ? " ..." : "")
    return isOptional ? "[\(base)]" : base
  }
}
