@testable import ThorTuneCLI

extension Command {
  /// The command as its command line `words` (those after its name) would
  /// make it: parsed against its specs, with their defaults and checks.
  /// The round-trip tests parse the demo stages' printed commands this
  /// way.
  /// - Throws: ``CommandLineError`` when the words are invalid.
  static func make(_ words: [String]) throws(CommandLineError) -> Self {
    let parser = ArgumentParser(options: options, arguments: arguments)
    let command = try Self(try parser.parse(words))
    try command.validate()
    return command
  }
}
