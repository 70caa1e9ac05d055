/// Prints help and usage in swift-argument-parser's layout: `OVERVIEW:`,
/// `USAGE:`, `ARGUMENTS:`, `OPTIONS:` and `SUBCOMMANDS:` sections, with
/// defaults and allowed values at the end of each option's text.
enum HelpFormatter {
  /// The tool's name in usage lines.
  static let tool = "thor-tune"
  /// The column where option descriptions start.
  private static let column = 26

  /// The top-level help (bare `thor-tune`, `--help`, `help`).
  static func rootHelp(commands: [any Command.Type]) -> String {
    var out = "OVERVIEW: Hardware-driven split planning and training for "
      + "THOR (K-FAC with\nblock-diagonal Kronecker factors).\n\n"
    out += "USAGE: \(tool) <subcommand>\n\n"
    out += "OPTIONS:\n"
    out += entry("--version", "Show the version.")
    out += entry("-h, --help", "Show help information.")
    out += "\nSUBCOMMANDS:\n"
    for command in commands {
      out += entry(command.name, command.abstract)
    }
    out += entry("help", "Show subcommand help information.")
    out += "\n  See '\(tool) help <subcommand>' for detailed help.\n"
    return out
  }

  /// The help of one subcommand.
  static func help(for command: any Command.Type) -> String {
    var out = TextWrapping.wrap("OVERVIEW: \(command.abstract)")
      .joined(separator: "\n") + "\n"
    if !command.discussion.isEmpty {
      out += "\n" + TextWrapping.wrap(command.discussion)
        .joined(separator: "\n") + "\n"
    }
    out += "\nUSAGE: \(usage(for: command))\n"
    if !command.arguments.isEmpty {
      out += "\nARGUMENTS:\n"
      for argument in command.arguments {
        out += entry("<\(argument.name)>", argument.help)
      }
    }
    out += "\nOPTIONS:\n"
    for option in command.options {
      out += entry(optionLabel(option), optionHelp(option))
    }
    out += entry("-h, --help", "Show help information.")
    return out
  }

  /// The usage line: required options spelled out, the optional ones as
  /// `[<options>]`, then the positional arguments.
  static func usage(for command: any Command.Type) -> String {
    var parts = ["\(tool) \(command.name)"]
    parts += command.options.filter(\.isRequired).map(\.label)
    if command.options.contains(where: { !$0.isRequired }) {
      parts.append("[<options>]")
    }
    parts += command.arguments.map(\.usage)
    return parts.joined(separator: " ")
  }

  /// The usage line for errors before a subcommand is known.
  static var rootUsage: String { "\(tool) <subcommand>" }

  private static func optionLabel(_ option: OptionSpec) -> String {
    let short = option.short.map { "-\($0), " } ?? ""
    return short + option.label
  }

  private static func optionHelp(_ option: OptionSpec) -> String {
    var notes: [String] = []
    if !option.allowedValues.isEmpty {
      notes.append("values: " + option.allowedValues.joined(separator: ", "))
    }
    if option.kind == .list { notes.append("comma-separated, repeatable") }
    if let shown = option.shownDefault { notes.append("default: \(shown)") }
    if option.isRequired { notes.append("required") }
    guard !notes.isEmpty else { return option.help }
    return option.help + " (" + notes.joined(separator: "; ") + ")"
  }

  /// One indented entry: the label, then the wrapped text in a column.
  private static func entry(_ label: String, _ text: String) -> String {
    let lines = TextWrapping.wrap(text, indent: column)
    let pad = String(repeating: " ", count: column)
    var out = "  " + label
    if out.count + 1 > column {
      out += "\n" + pad
    } else {
      out += String(repeating: " ", count: column - out.count)
    }
    out += lines.first ?? ""
    for line in lines.dropFirst() {
      out += "\n" + (line.isEmpty ? "" : pad + line)
    }
    return out + "\n"
  }
}
