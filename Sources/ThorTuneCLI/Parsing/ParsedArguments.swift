/// A command line checked against a command's specs: option values, flags
/// and positional values, read back through typed accessors.
///
/// Every accessor falls back to the spec's default. Values were already
/// checked against their declared type, so the accessors throw only for the
/// extra conditions a command states (`where:`) or when asked for a type
/// other than the declared one.
package struct ParsedArguments: Sendable {
  /// The words parsed (those after the subcommand name), for recording
  /// the command line in outputs.
  package let words: [String]
  /// The specs of the options, by long name.
  let options: [String: OptionSpec]
  /// Given values per option, in command-line order (lists already split).
  let given: [String: [String]]
  /// Flags that were set.
  let flags: Set<String>
  /// Positional values per argument name.
  let positionals: [String: [String]]

  /// Whether the flag `name` was given.
  package func flag(_ name: String) -> Bool {
    precondition(options[name]?.kind == .flag, "no flag --\(name) declared")
    return flags.contains(name)
  }

  /// Whether the option `name` was given on the command line (rather than
  /// taking its default).
  package func isGiven(_ name: String) -> Bool {
    given[name] != nil || flags.contains(name)
  }

  /// The options given on the command line, for ``Command/validate()``.
  package var givenOptions: GivenOptions { GivenOptions(self) }

  /// The value of option `name`, or its default; nil when neither exists.
  /// - Throws: ``CommandLineError/invalidValue(option:value:reason:)`` when
  ///   the value fails `valid`, with `reason` as the explanation.
  package func optionalValue<T: ArgumentValue>(
    _ name: String, as type: T.Type = T.self,
    where valid: (T) -> Bool = { _ in true }, _ reason: String = ""
  ) throws(CommandLineError) -> T? {
    let spec = self.spec(name)
    guard let text = given[name]?.last ?? spec.defaultValue else {
      return nil
    }
    return try convert(text, for: spec.label, valid, reason)
  }

  /// The value of option `name`, or its default.
  /// - Throws: ``CommandLineError`` when the option has neither, or when
  ///   the value fails `valid`.
  package func value<T: ArgumentValue>(
    _ name: String, as type: T.Type = T.self,
    where valid: (T) -> Bool = { _ in true }, _ reason: String = ""
  ) throws(CommandLineError) -> T {
    guard let value = try optionalValue(name, as: type, where: valid, reason)
    else { throw .missingRequired(spec(name).label) }
    return value
  }

  /// The values of list option `name` (all occurrences, comma-split), or
  /// its default split at commas; empty when neither exists.
  /// - Throws: ``CommandLineError`` for the first element that fails
  ///   `valid`.
  package func values<T: ArgumentValue>(
    _ name: String, as type: T.Type = T.self,
    where valid: (T) -> Bool = { _ in true }, _ reason: String = ""
  ) throws(CommandLineError) -> [T] {
    let spec = self.spec(name)
    let texts =
      given[name]
      ?? spec.defaultValue.map(ArgumentParser.splitList) ?? []
    var result: [T] = []
    result.reserveCapacity(texts.count)
    for text in texts {
      result.append(try convert(text, for: spec.label, valid, reason))
    }
    return result
  }

  /// The ``values(_:as:where:_:)`` of a list option whose entries must
  /// differ (`--dims 64,64` is a mistake, not a repeat), sorted.
  package func distinctValues<T: ArgumentValue & Comparable & Hashable>(
    _ name: String, as type: T.Type = T.self,
    where valid: (T) -> Bool = { _ in true }, _ reason: String = ""
  ) throws(CommandLineError) -> [T] {
    let list = try values(name, as: type, where: valid, reason)
    var seen: Set<T> = []
    for value in list where !seen.insert(value).inserted {
      throw invalid(name, "\(value)", "is given twice")
    }
    return list.sorted()
  }

  /// The value of positional argument `name`; nil when it was left out.
  package func argument<T: ArgumentValue>(
    _ name: String, as type: T.Type = T.self
  ) throws(CommandLineError) -> T? {
    guard let text = positionals[name]?.first else { return nil }
    return try convert(text, for: "<\(name)>", { _ in true }, "")
  }

  /// Every value of a repeating positional argument.
  package func arguments<T: ArgumentValue>(
    _ name: String, as type: T.Type = T.self
  ) throws(CommandLineError) -> [T] {
    var result: [T] = []
    for text in positionals[name] ?? [] {
      result.append(try convert(text, for: "<\(name)>", { _ in true }, ""))
    }
    return result
  }

  /// A usage error for option `name` whose value `value` breaks a rule
  /// that involves more than one element (duplicates, ordering).
  package func invalid(_ name: String, _ value: String, _ reason: String)
    -> CommandLineError
  {
    .invalidValue(option: spec(name).label, value: value, reason: reason)
  }

  private func spec(_ name: String) -> OptionSpec {
    guard let spec = options[name] else {
      preconditionFailure("no option --\(name) declared")
    }
    return spec
  }

  private func convert<T: ArgumentValue>(
    _ text: String, for label: String, _ valid: (T) -> Bool, _ reason: String
  ) throws(CommandLineError) -> T {
    guard let value = T(argument: text) else {
      throw .invalidValue(
        option: label, value: text, reason: "expected \(T.expectation)")
    }
    guard valid(value) else {
      throw .invalidValue(option: label, value: text, reason: reason)
    }
    return value
  }
}
