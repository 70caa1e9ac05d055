/// One `thor-tune` subcommand, described declaratively.
///
/// Adding a command takes one file and one line:
/// 1. Create `Sources/ThorTuneCLI/Commands/<Name>Command.swift` with a
///    struct conforming to `Command`. Declare its `name`, `abstract`,
///    `discussion`, its `options` (``OptionSpec``: name, value name, help,
///    default) and its positional `arguments` (``ArgumentSpec``). The parser
///    checks structure and value types against these specs and prints the
///    help from them; you write no parsing code.
/// 2. In `init(_:)`, read typed values from ``ParsedArguments`` (for example
///    `try arguments.value("seed", as: UInt64.self)` or
///    `try arguments.values("dims", as: Int.self, where: { $0 > 0 },
///    "must be positive")`). A ``CommandLineError`` thrown here is a usage
///    error: `Error: …`, the usage line and exit status 64.
/// 3. In `validate()`, check the values against each other (an option
///    that needs another, options that exclude each other). The tool
///    calls it after `init(_:)` and before `run()`; a
///    ``CommandLineError`` thrown here is a usage error too.
/// 4. In `run()`, do the work. Write files through ``OutputWriter`` (atomic,
///    cleaned up on Ctrl-C) and progress through ``ProgressLine``. Any error
///    thrown here is a runtime failure: `Error: <description>` on stderr and
///    exit status 1, so give domain errors a `description` that names the
///    file or item concerned.
/// 5. Add `<Name>Command.self` to ``CommandRegistry/commands``.
///
/// `-h`/`--help` and `thor-tune help <name>` work for every command without
/// declaring anything.
package protocol Command {
  /// The subcommand's name on the command line (`thor-tune <name>`).
  static var name: String { get }
  /// One line for the OVERVIEW section and the SUBCOMMANDS list.
  static var abstract: String { get }
  /// Paragraphs shown after the overview in `--help` (may be empty).
  static var discussion: String { get }
  /// The named options, in the order `--help` lists them.
  static var options: [OptionSpec] { get }
  /// The positional arguments, in command-line order.
  static var arguments: [ArgumentSpec] { get }

  /// Reads typed values from parsed arguments.
  /// - Throws: ``CommandLineError`` for invalid values (exit status 64).
  init(_ arguments: ParsedArguments) throws(CommandLineError)

  /// Checks the typed values against each other.
  /// - Throws: ``CommandLineError`` for values that do not fit together
  ///   (exit status 64).
  func validate() throws(CommandLineError)

  /// Does the command's work.
  /// - Throws: any error; its description is printed and the exit status
  ///   is 1.
  func run() throws
}

extension Command {
  package static var discussion: String { "" }
  package static var arguments: [ArgumentSpec] { [] }

  /// No checks across options.
  package func validate() throws(CommandLineError) {}

  /// A usage error for option `name` whose value `value` breaks a rule
  /// that involves another option (as ``ParsedArguments/invalid(_:_:_:)``).
  static func invalid(_ name: String, _ value: String, _ reason: String)
    -> CommandLineError
  {
    guard let spec = options.first(where: { $0.name == name }) else {
      preconditionFailure("no option --\(name) declared")
    }
    return .invalidValue(option: spec.label, value: value, reason: reason)
  }
}
