/// The subcommands `thor-tune` offers, in the order help lists them.
///
/// To add a command, write `Commands/<Name>Command.swift` (a type conforming
/// to ``Command``; its doc comment walks through it) and add one line here.
/// Nothing else is needed: dispatch, `--help`, `help <name>`, usage errors
/// and exit codes come from the specs the command declares.
package enum CommandRegistry {
  /// Every subcommand.
  package static var commands: [any Command.Type] {
    [
      ProfileCommand.self,
      TrainCommand.self,
      PlanCommand.self,
      ReportCommand.self,
      DemoCommand.self,
      PreconditionCommand.self,
    ]
  }
}
