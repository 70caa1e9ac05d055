/// Matches command-line words against a command's option and argument
/// specs, with swift-argument-parser's conventions: `--opt value` and
/// `--opt=value`, `-o value`, flags, comma-separated repeatable lists, and
/// `--` ending the options.
///
/// A word that starts with `-` is an option unless it is `-` alone or a
/// number (`-3`), so a negative number can be a value and is then rejected
/// by the value's check rather than read as an unknown option.
struct ArgumentParser {
  let options: [OptionSpec]
  let arguments: [ArgumentSpec]

  /// Parses `words` (the words after the subcommand name).
  /// - Throws: ``CommandLineError`` for the first problem found.
  func parse(_ words: [String]) throws(CommandLineError) -> ParsedArguments {
    var given: [String: [String]] = [:]
    var flags: Set<String> = []
    var loose: [String] = []
    var index = 0
    var optionsEnded = false
    while index < words.count {
      let word = words[index]
      index += 1
      if optionsEnded || !Self.isOptionLike(word) {
        loose.append(word)
        continue
      }
      if word == "--" {
        optionsEnded = true
        continue
      }
      let (spec, inline) = try lookUp(word)
      if spec.kind == .flag {
        if let inline {
          throw .unexpectedValue(flag: "--\(spec.name)", value: inline)
        }
        flags.insert(spec.name)
        continue
      }
      let text: String
      if let inline {
        text = inline
      } else if index < words.count, !Self.isOptionLike(words[index]) {
        text = words[index]
        index += 1
      } else {
        throw .missingValue(option: spec.label)
      }
      let values = spec.kind == .list ? Self.splitList(text) : [text]
      for value in values {
        if let reason = spec.check(value) {
          throw .invalidValue(option: spec.label, value: value, reason: reason)
        }
      }
      given[spec.name] =
        spec.kind == .list ? (given[spec.name] ?? []) + values : values
    }
    for spec in options where spec.isRequired && given[spec.name] == nil {
      throw .missingRequired(spec.label)
    }
    return ParsedArguments(
      words: words,
      options: Dictionary(uniqueKeysWithValues: options.map { ($0.name, $0) }),
      given: given, flags: flags,
      positionals: try assign(loose))
  }

  /// Splits a list value at commas, keeping empty elements so that they
  /// are reported rather than silently dropped.
  static func splitList(_ text: String) -> [String] {
    text.split(separator: ",", omittingEmptySubsequences: false)
      .map(String.init)
  }

  /// Whether a word is an option (or `--`) rather than a value.
  static func isOptionLike(_ word: String) -> Bool {
    guard word.hasPrefix("-"), word != "-" else { return false }
    return Double(word) == nil
  }

  /// The spec a word names, and its `=value` part if any.
  private func lookUp(_ word: String)
    throws(CommandLineError) -> (OptionSpec, String?)
  {
    var name = word
    var inline: String?
    if let equals = word.firstIndex(of: "=") {
      name = String(word[..<equals])
      inline = String(word[word.index(after: equals)...])
    }
    let found: OptionSpec?
    if name.hasPrefix("--") {
      found = options.first { "--\($0.name)" == name }
    } else if name.count == 2, let letter = name.last {
      found = options.first { $0.short == letter }
    } else {
      found = nil
    }
    guard let found else {
      let candidates = options.map { "--\($0.name)" } + ["--help"]
      throw .unknownOption(
        name, suggestion: Suggestion.closest(to: name, among: candidates))
    }
    return (found, inline)
  }

  /// Hands positional values to the argument specs in order.
  private func assign(_ loose: [String])
    throws(CommandLineError) -> [String: [String]]
  {
    var result: [String: [String]] = [:]
    var rest = loose[...]
    for spec in arguments {
      if rest.isEmpty {
        if !spec.isOptional { throw .missingRequired("<\(spec.name)>") }
        continue
      }
      let taken = spec.isRepeating ? Array(rest) : [rest.first!]
      rest = rest.dropFirst(taken.count)
      for value in taken {
        if let reason = spec.check(value) {
          throw .invalidValue(
            option: "<\(spec.name)>", value: value, reason: reason)
        }
      }
      result[spec.name] = taken
    }
    if let extra = rest.first { throw .unexpectedArgument(extra) }
    return result
  }
}
