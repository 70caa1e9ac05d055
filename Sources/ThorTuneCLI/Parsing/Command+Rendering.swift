/// A command that renders its value back to the words that parse to it,
/// so that a command built in code can print its equivalent command line.
protocol RenderableCommand: Command {
  /// The words (after the command's name) that parse to this value.
  var renderedWords: [String] { get }
}

extension RenderableCommand {
  /// The command its rendered words make, validated: what typing the
  /// printed command line gives, with every check of ``validate()``,
  /// including those on which options were given.
  /// - Throws: ``CommandLineError`` as that command line would.
  func checked() throws(CommandLineError) -> Self {
    try Self.make(renderedWords)
  }
}

extension Command {
  /// The command as its command line `words` (those after its name) make
  /// it: parsed against its specs, with their defaults and checks.
  /// - Throws: ``CommandLineError`` when the words are invalid.
  static func make(_ words: [String]) throws(CommandLineError) -> Self {
    let parser = ArgumentParser(options: options, arguments: arguments)
    let command = try Self(try parser.parse(words))
    try command.validate()
    return command
  }

  /// The command with every option at its declared default, before
  /// ``validate()``: where a command built in code starts.
  /// - Throws: ``CommandLineError`` when a required option has no default.
  static func defaults() throws(CommandLineError) -> Self {
    let parser = ArgumentParser(options: options, arguments: arguments)
    return try Self(try parser.parse([]))
  }

  /// The words (after the command's name) that give options these texts:
  /// `--name text` for each text that is not `nil` and differs from the
  /// option's declared default (or is named in `always`, for defaults that
  /// depend on the machine), `--name` for a flag whose text is not `nil`,
  /// in the order given.
  static func words(
    _ texts: [(name: String, text: String?)], always: Set<String> = []
  ) -> [String] {
    var words: [String] = []
    for (name, text) in texts {
      guard let spec = options.first(where: { $0.name == name }) else {
        preconditionFailure("no option --\(name) declared")
      }
      guard let text else { continue }
      if spec.kind == .flag {
        words.append("--\(name)")
      } else if text != spec.defaultValue || always.contains(name) {
        words += ["--\(name)", text]
      }
    }
    return words
  }

  /// A flag's text for ``words(_:)``: given when set, else left out.
  static func flag(_ isSet: Bool) -> String? { isSet ? "" : nil }
}
