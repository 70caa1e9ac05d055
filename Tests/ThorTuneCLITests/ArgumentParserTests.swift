import Testing

@testable import ThorTuneCLI

@Suite("Argument parsing") struct ArgumentParserTests {
  let parser = ArgumentParser(
    options: SampleCommand.options, arguments: SampleCommand.arguments)

  @Test func bothValueSpellingsAndDefaults() throws {
    let parsed = try parser.parse(["--name", "a", "--rate=2.5", "in.txt"])
    #expect(try parsed.value("name", as: String.self) == "a")
    #expect(try parsed.value("rate", as: Double.self) == 2.5)
    #expect(try parsed.value("shape", as: SampleCommand.Shape.self) == .square)
    #expect(try parsed.values("sizes", as: Int.self) == [1, 2])
    #expect(try parsed.argument("input", as: String.self) == "in.txt")
    #expect(try parsed.optionalValue("out", as: String.self) == nil)
    #expect(!parsed.flag("quiet"))
    #expect(parsed.isGiven("rate") && !parsed.isGiven("shape"))
  }

  @Test func listsSplitAtCommasAndAccumulate() throws {
    let parsed = try parser.parse(
      ["--name=x", "--sizes", "3,4", "--sizes=5", "-q", "-o", "f"])
    #expect(try parsed.values("sizes", as: Int.self) == [3, 4, 5])
    #expect(parsed.flag("quiet"))
    #expect(try parsed.value("out", as: String.self) == "f")
  }

  @Test func lastSingleValueWins() throws {
    let parsed = try parser.parse(["--name", "a", "--name", "b"])
    #expect(try parsed.value("name", as: String.self) == "b")
  }

  @Test func doubleDashEndsOptions() throws {
    let parsed = try parser.parse(["--name", "a", "--", "--quiet"])
    #expect(try parsed.argument("input", as: String.self) == "--quiet")
    #expect(!parsed.flag("quiet"))
  }

  @Test func unknownOptionSuggestsClosest() {
    #expect(
      throws: CommandLineError.unknownOption(
        "--size", suggestion: "--sizes")
    ) {
      try parser.parse(["--name", "a", "--size", "3"])
    }
    #expect(
      throws: CommandLineError.unknownOption(
        "--zzzzzz", suggestion: nil)
    ) {
      try parser.parse(["--zzzzzz"])
    }
  }

  @Test func missingValueAtEndOrBeforeOption() {
    #expect(throws: CommandLineError.missingValue(option: "--name <name>")) {
      try parser.parse(["--name"])
    }
    #expect(throws: CommandLineError.missingValue(option: "--name <name>")) {
      try parser.parse(["--name", "--quiet"])
    }
  }

  @Test func badTypedValues() {
    #expect(
      throws: CommandLineError.invalidValue(
        option: "--rate <rate>", value: "fast", reason: "expected a number")
    ) {
      try parser.parse(["--name", "a", "--rate", "fast"])
    }
    #expect(
      throws: CommandLineError.invalidValue(
        option: "--shape <shape>", value: "round",
        reason: "expected one of square, wide")
    ) {
      try parser.parse(["--name", "a", "--shape", "round"])
    }
    #expect(
      throws: CommandLineError.invalidValue(
        option: "--sizes <n>", value: "", reason: "expected an integer")
    ) {
      try parser.parse(["--name", "a", "--sizes", "1,,2"])
    }
  }

  @Test func negativeNumberIsAValueCheckedByTheCommand() throws {
    let parsed = try parser.parse(["--name", "a", "--sizes", "-3"])
    #expect(
      throws: CommandLineError.invalidValue(
        option: "--sizes <n>", value: "-3", reason: "must be positive")
    ) {
      try SampleCommand(parsed)
    }
  }

  @Test func requiredOptionFlagValueAndExtraArgument() {
    #expect(throws: CommandLineError.missingRequired("--name <name>")) {
      try parser.parse(["--quiet"])
    }
    #expect(
      throws: CommandLineError.unexpectedValue(
        flag: "--quiet", value: "yes")
    ) {
      try parser.parse(["--name", "a", "--quiet=yes"])
    }
    #expect(throws: CommandLineError.unexpectedArgument("b")) {
      try parser.parse(["--name", "a", "in", "b"])
    }
  }

  @Test func editDistanceMatchesHandCounts() {
    #expect(Suggestion.editDistance("kitten", "sitting") == 3)
    #expect(Suggestion.editDistance("", "abc") == 3)
    #expect(Suggestion.editDistance("--dims", "--dims") == 0)
    #expect(
      Suggestion.closest(to: "--mthod", among: ["--method"])
        == "--method")
  }
}
