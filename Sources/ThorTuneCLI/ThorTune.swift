/// The `thor-tune` command line: the commands of ``CommandRegistry`` run
/// by a ``CommandLineTool``.
package enum ThorTune {
  /// The version `--version` prints and outputs record.
  package static let version = "0.1.0"

  /// The `thor-tune` program.
  package static var tool: CommandLineTool {
    CommandLineTool(
      name: "thor-tune",
      overview: "Hardware-driven split planning and training for THOR "
        + "(K-FAC with block-diagonal Kronecker factors).",
      version: version, commands: CommandRegistry.commands)
  }

  /// Runs the command line and returns the process exit status.
  package static func main(_ arguments: [String]) -> Int32 {
    tool.main(arguments)
  }
}
