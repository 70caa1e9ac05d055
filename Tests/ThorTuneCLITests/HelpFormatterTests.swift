import Testing

@testable import ThorTuneCLI

@Suite("Help text") struct HelpFormatterTests {
  let formatter = HelpFormatter(tool: "thor-tune")
  var help: String { formatter.help(for: SampleCommand.self) }

  @Test func sectionsInOrder() throws {
    let sections = ["OVERVIEW:", "USAGE:", "ARGUMENTS:", "OPTIONS:"]
    let positions = try sections.map { section in
      try #require(help.range(of: section)).lowerBound
    }
    #expect(positions == positions.sorted())
  }

  @Test func usageSpellsOutRequiredOptions() {
    #expect(
      formatter.usage(for: SampleCommand.self)
        == "thor-tune sample --name <name> [<options>] [<input>]")
  }

  @Test func optionsShowDefaultsValuesAndShortNames() {
    #expect(help.contains("(values: square, wide; default: square)"))
    #expect(help.contains("(default: derived from the sizes)"))
    #expect(help.contains("  -o, --out <file>"))
    #expect(help.contains("  -h, --help"))
  }

  @Test func linesFitEightyColumns() {
    for line in help.split(separator: "\n") { #expect(line.count <= 80) }
  }

  @Test func wrappingKeepsWordsAndWidth() {
    let text = String(repeating: "word ", count: 40)
    let lines = TextWrapping.wrap(text, indent: 26)
    #expect(lines.allSatisfy { $0.count <= 54 })
    #expect(lines.joined(separator: " ").split(separator: " ").count == 40)
  }
}
