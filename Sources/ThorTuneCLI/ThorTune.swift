/// The `thor-tune` command line: dispatches to the commands of
/// ``CommandRegistry``, prints help, and maps errors to exit statuses.
///
/// Exit statuses: 0 success or help, 1 runtime failure, 64 usage error,
/// 128 + signal number when interrupted (130 for Ctrl-C).
public enum ThorTune {
  /// The version `--version` prints and outputs record.
  public static let version = "0.1.0"

  /// Exit status for usage errors (`EX_USAGE`).
  public static let usageErrorStatus: Int32 = 64

  /// Runs the command line and returns the process exit status.
  public static func main(_ arguments: [String]) -> Int32 {
    SignalCleanup.install()
    let commands = CommandRegistry.commands
    guard let first = arguments.first else {
      StandardOutput.write(HelpFormatter.rootHelp(commands: commands))
      return 0
    }
    switch first {
    case "-h", "--help":
      StandardOutput.write(HelpFormatter.rootHelp(commands: commands))
      return 0
    case "--version":
      StandardOutput.write(version + "\n")
      return 0
    case "help":
      return help(Array(arguments.dropFirst()), commands: commands)
    default:
      guard let command = CommandRegistry.command(named: first) else {
        return usageError(
          unknown(first, commands: commands), usage: HelpFormatter.rootUsage,
          helpName: nil)
      }
      return run(command, Array(arguments.dropFirst()))
    }
  }

  /// `thor-tune help [<subcommand>]`.
  private static func help(_ words: [String], commands: [any Command.Type])
    -> Int32
  {
    guard let name = words.first else {
      StandardOutput.write(HelpFormatter.rootHelp(commands: commands))
      return 0
    }
    guard let command = CommandRegistry.command(named: name) else {
      return usageError(
        unknown(name, commands: commands), usage: HelpFormatter.rootUsage,
        helpName: nil)
    }
    StandardOutput.write(HelpFormatter.help(for: command))
    return 0
  }

  /// Parses, validates and runs one command.
  private static func run(_ command: any Command.Type, _ words: [String])
    -> Int32
  {
    let beforeTerminator = words.prefix { $0 != "--" }
    if beforeTerminator.contains(where: { $0 == "-h" || $0 == "--help" }) {
      StandardOutput.write(HelpFormatter.help(for: command))
      return 0
    }
    let instance: any Command
    do {
      let parser = ArgumentParser(
        options: command.options, arguments: command.arguments)
      instance = try command.init(try parser.parse(words))
    } catch {
      return usageError(
        error, usage: HelpFormatter.usage(for: command),
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
  private static func unknown(_ word: String, commands: [any Command.Type])
    -> CommandLineError
  {
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
  private static func usageError(
    _ error: CommandLineError, usage: String, helpName: String?
  ) -> Int32 {
    let helpCommand = helpName.map { "\(HelpFormatter.tool) \($0) --help" }
      ?? "\(HelpFormatter.tool) --help"
    StandardError.write(
      "Error: \(error)\nUsage: \(usage)\n"
        + "  See '\(helpCommand)' for more information.\n")
    return usageErrorStatus
  }
}
