import Testing

@testable import ThorTuneCLI

@Suite("thor-tune top level (binary)") struct TopLevelCommandTests {
  @Test(arguments: [[], ["--help"], ["-h"], ["help"]])
  func helpGoesToStdout(arguments: [String]) throws {
    let outcome = try CommandLineBinary.run(arguments)
    #expect(outcome.status == 0)
    #expect(outcome.stdout.hasPrefix("OVERVIEW: "))
    #expect(outcome.stdout.contains("\nSUBCOMMANDS:\n"))
    #expect(outcome.stderr.isEmpty)
  }

  @Test func versionPrintsTheVersion() throws {
    let outcome = try CommandLineBinary.run(["--version"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout == ThorTune.version + "\n")
  }

  @Test func unknownSubcommandIsAUsageError() throws {
    let outcome = try CommandLineBinary.run(["hepl"])
    #expect(outcome.status == 64)
    #expect(outcome.stdout.isEmpty)
    #expect(
      outcome.stderr == """
        Error: Unknown subcommand 'hepl'. Did you mean 'help'?
        Usage: thor-tune <subcommand>
          See 'thor-tune --help' for more information.

        """)
  }

  @Test func unknownTopLevelOptionSuggests() throws {
    let outcome = try CommandLineBinary.run(["--verison"])
    #expect(outcome.status == 64)
    #expect(
      outcome.stderr.hasPrefix(
        "Error: Unknown option '--verison'. Did you mean '--version'?\n"))
  }

  @Test func helpForUnknownSubcommandIsAUsageError() throws {
    let outcome = try CommandLineBinary.run(["help", "nope"])
    #expect(outcome.status == 64)
    #expect(outcome.stderr.hasPrefix("Error: Unknown subcommand 'nope'."))
  }
}
