/// Prints help and usage in swift-argument-parser's layout: `OVERVIEW:`,
/// `USAGE:`, `ARGUMENTS:`, `OPTIONS:` and `SUBCOMMANDS:` sections, with
/// defaults and allowed values at the end of each option's text.
struct HelpFormatter {
  /// The tool's name in usage lines.
  let tool: String
  /// The column where option descriptions start.
  private static let column = 26

  /// The top-level help (bare `thor-tune`, `--help`, `help`).
  func rootHelp(overview: String, commands: [any Command.Type]) -> String {
    var out =
      TextWrapping.wrap("OVERVIEW: \(overview)")
      .joined(separator: "\n") + "\n\n"
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
  func help(for command: any Command.Type) -> String {
    var out =
      TextWrapping.wrap("OVERVIEW: \(command.abstract)")
      .joined(separator: "\n") + "\n"
    if !command.discussion.isEmpty {
      out +=
        "\n"
        + TextWrapping.wrap(command.discussion)
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
  func usage(for command: any Command.Type) -> String {
    var parts = ["\(tool) \(command.name)"]
    parts += command.options.filter(\.isRequired).map(\.label)
    if command.options.contains(where: { !$0.isRequired }) {
      parts.append("[<options>]")
    }
    parts += command.arguments.map(\.usage)
    return parts.joined(separator: " ")
  }

  /// The usage line for errors before a subcommand is known.
  var rootUsage: String { "\(tool) <subcommand>" }

  private func optionLabel(_ option: OptionSpec) -> String {
    let short = option.short.map { "-\($0), " } ?? ""
    return short + option.label
  }

  private func optionHelp(_ option: OptionSpec) -> String {
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
  private func entry(_ label: String, _ text: String) -> String {
    let lines = TextWrapping.wrap(text, indent: Self.column)
    let pad = String(repeating: " ", count: Self.column)
    var out = "  " + label
    if out.count + 1 > Self.column {
      out += "\n" + pad
    } else {
      out += String(repeating: " ", count: Self.column - out.count)
    }
    out += lines.first ?? ""
    for line in lines.dropFirst() {
      out += "\n" + (line.isEmpty ? "" : pad + line)
    }
    return out + "\n"
  }
}
