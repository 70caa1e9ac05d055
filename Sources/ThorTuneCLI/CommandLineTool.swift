/// A command-line program made of subcommands: dispatch, help, `--version`
/// and the mapping of errors to exit statuses, shared by `thor-tune` and
/// `thor-bench`.
///
/// Exit statuses: 0 success or help, 1 runtime failure, 64 usage error,
/// 128 + signal number when interrupted (130 for Ctrl-C).
package struct CommandLineTool {
  /// Exit status for usage errors (`EX_USAGE`).
  package static let usageErrorStatus: Int32 = 64

  /// The program's name in usage lines.
  package let name: String
  /// The OVERVIEW text of the top-level help.
  package let overview: String
  /// What `--version` prints.
  package let version: String
  /// The subcommands, in the order help lists them.
  package let commands: [any Command.Type]

  /// Creates a tool.
  package init(
    name: String, overview: String, version: String,
    commands: [any Command.Type]
  ) {
    self.name = name
    self.overview = overview
    self.version = version
    self.commands = commands
  }

  private var help: HelpFormatter { HelpFormatter(tool: name) }

  private var rootHelp: String {
    help.rootHelp(overview: overview, commands: commands)
  }

  /// The command with this name, if any.
  func command(named name: String) -> (any Command.Type)? {
    commands.first { $0.name == name }
  }

  /// Runs the command line and returns the process exit status.
  package func main(_ arguments: [String]) -> Int32 {
    SignalCleanup.install()
    guard let first = arguments.first else {
      StandardOutput.write(rootHelp)
      return 0
    }
    switch first {
    case "-h", "--help":
      StandardOutput.write(rootHelp)
      return 0
    case "--version":
      StandardOutput.write(version + "\n")
      return 0
    case "help":
      return helpCommand(Array(arguments.dropFirst()))
    default:
      guard let command = command(named: first) else {
        return usageError(
          unknown(first), usage: help.rootUsage, helpName: nil)
      }
      return run(command, Array(arguments.dropFirst()))
    }
  }

  /// `<tool> help [<subcommand>]`.
  private func helpCommand(_ words: [String]) -> Int32 {
    guard let name = words.first else {
      StandardOutput.write(rootHelp)
      return 0
    }
    guard let command = command(named: name) else {
      return usageError(
        unknown(name), usage: help.rootUsage, helpName: nil)
    }
    StandardOutput.write(help.help(for: command))
    return 0
  }

  /// Parses, validates and runs one command.
  private func run(_ command: any Command.Type, _ words: [String])
    -> Int32
  {
    let beforeTerminator = words.prefix { $0 != "--" }
    if beforeTerminator.contains(where: { $0 == "-h" || $0 == "--help" }) {
      StandardOutput.write(help.help(for: command))
      return 0
    }
    let instance: any Command
    do {
      let parser = ArgumentParser(
        options: command.options, arguments: command.arguments)
      instance = try command.init(try parser.parse(words))
      try instance.validate()
    } catch {
      return usageError(
        error, usage: help.usage(for: command),
        helpName: command.name)
    }
    do {
      try instance.run()
      return 0
    } catch {
      StandardError.write("Error: \(error)\n")
      return 1
    }
  }

  /// The error for a word that names no subcommand.
  private func unknown(_ word: String) -> CommandLineError {
    if ArgumentParser.isOptionLike(word) {
      return .unknownOption(
        word,
        suggestion: Suggestion.closest(
          to: word, among: ["--help", "--version"]))
    }
    return .unknownSubcommand(
      word,
      suggestion: Suggestion.closest(
        to: word, among: commands.map { $0.name } + ["help"]))
  }

  /// Prints a usage error as swift-argument-parser does; returns 64.
  private func usageError(
    _ error: CommandLineError, usage: String, helpName: String?
  ) -> Int32 {
    let helpCommand =
      helpName.map { "\(name) \($0) --help" }
      ?? "\(name) --help"
    StandardError.write(
      "Error: \(error)\nUsage: \(usage)\n"
        + "  See '\(helpCommand)' for more information.\n")
    return Self.usageErrorStatus
  }
}
