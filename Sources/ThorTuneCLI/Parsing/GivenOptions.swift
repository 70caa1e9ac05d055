/// The options a command line gave (rather than left to their defaults),
/// with the text of each, for the checks of ``Command/validate()`` that
/// depend on whether an option was given.
package struct GivenOptions: Equatable, Sendable {
  /// The last text given per value option, by long name.
  private let texts: [String: String]
  /// The flags that were set.
  private let flags: Set<String>

  /// The options `arguments` gave.
  init(_ arguments: ParsedArguments) {
    texts = arguments.given.compactMapValues(\.last)
    flags = arguments.flags
  }

  /// Whether option or flag `name` was given.
  package func contains(_ name: String) -> Bool {
    texts[name] != nil || flags.contains(name)
  }

  /// The text given to option `name` (its last element for a list).
  package func text(_ name: String) -> String? { texts[name] }
}
