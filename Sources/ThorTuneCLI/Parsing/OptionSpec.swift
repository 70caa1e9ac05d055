/// A named option of a command: `--name <value>`, a flag, or a list.
///
/// Specs are data: the parser checks the command line against them and the
/// help text is printed from them, so a command never parses by hand.
package struct OptionSpec: Sendable {
  /// What an option takes.
  package enum Kind: Sendable, Equatable {
    /// No value; present or absent.
    case flag
    /// One value; given more than once, the last one wins.
    case value
    /// Comma-separated values; repeating the option appends to the list.
    case list
  }

  /// The long name, without the leading `--`.
  package let name: String
  /// The short name, without the leading `-`, if any.
  package let short: Character?
  /// Flag, single value or list.
  package let kind: Kind
  /// The placeholder shown in usage and help (`--out <file>`).
  package let valueName: String
  /// One or more sentences for the OPTIONS section.
  package let help: String
  /// The value used when the option is absent, parsed like a given value
  /// (declared typed, kept as the command line writes it).
  package let defaultValue: String?
  /// Shown as the default instead of ``defaultValue`` when the default
  /// depends on other options (for example an output path).
  package let defaultDescription: String?
  /// Whether the option must be given.
  package let isRequired: Bool
  /// The accepted values, when they form a closed set (shown in help).
  package let allowedValues: [String]
  /// Returns why a single value is invalid, or nil when it is valid.
  let check: @Sendable (String) -> String?

  /// An option that takes one value of type `type`.
  package static func value<T: ArgumentValue>(
    _ name: String, short: Character? = nil, as type: T.Type,
    valueName: String? = nil, help: String, default defaultValue: T? = nil,
    defaultDescription: String? = nil, required: Bool = false
  ) -> OptionSpec {
    OptionSpec(
      .value, name, short, type, valueName, help, defaultValue?.argument,
      defaultDescription, required)
  }

  /// An option that takes comma-separated values of type `type` and may be
  /// repeated (`--dims 16,32 --dims 64` gives 16, 32, 64).
  package static func list<T: ArgumentValue>(
    _ name: String, short: Character? = nil, of type: T.Type,
    valueName: String? = nil, help: String, default defaultValue: [T]? = nil,
    defaultDescription: String? = nil, required: Bool = false
  ) -> OptionSpec {
    OptionSpec(
      .list, name, short, type, valueName, help,
      defaultValue?.map(\.argument).joined(separator: ","),
      defaultDescription, required)
  }

  /// An option that takes one string value.
  package static func value(
    _ name: String, short: Character? = nil, valueName: String? = nil,
    help: String, default defaultValue: String? = nil,
    defaultDescription: String? = nil, required: Bool = false
  ) -> OptionSpec {
    value(
      name, short: short, as: String.self, valueName: valueName, help: help,
      default: defaultValue, defaultDescription: defaultDescription,
      required: required)
  }

  /// An option that takes comma-separated strings and may be repeated.
  package static func list(
    _ name: String, short: Character? = nil, valueName: String? = nil,
    help: String, default defaultValue: [String]? = nil,
    defaultDescription: String? = nil, required: Bool = false
  ) -> OptionSpec {
    list(
      name, short: short, of: String.self, valueName: valueName, help: help,
      default: defaultValue, defaultDescription: defaultDescription,
      required: required)
  }

  private init<T: ArgumentValue>(
    _ kind: Kind, _ name: String, _ short: Character?, _ type: T.Type,
    _ valueName: String?, _ help: String, _ defaultValue: String?,
    _ defaultDescription: String?, _ required: Bool
  ) {
    self.name = name
    self.short = short
    self.kind = kind
    self.valueName = valueName ?? name
    self.help = help
    self.defaultValue = defaultValue
    self.defaultDescription = defaultDescription
    isRequired = required
    allowedValues = kind == .flag ? [] : T.allValueStrings
    check = T.invalidReason
  }

  /// A flag: `--name` sets it; it takes no value.
  package static func flag(
    _ name: String, short: Character? = nil, help: String
  ) -> OptionSpec {
    OptionSpec(.flag, name, short, String.self, nil, help, nil, nil, false)
  }

  /// The option as usage lines and errors show it: `--out <file>`.
  package var label: String {
    kind == .flag ? "--\(name)" : "--\(name) <\(valueName)>"
  }

  /// The default as help shows it, if any.
  var shownDefault: String? { defaultDescription ?? defaultValue }
}
