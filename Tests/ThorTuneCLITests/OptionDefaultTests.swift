import Testing

@testable import ThorTuneCLI

/// Every default a command declares is a value its own option accepts:
/// defaults are typed, and written as the command line reads them.
@Suite("Option defaults")
struct OptionDefaultTests {
  @Test(arguments: CommandRegistry.commands.map { ($0.name, $0.options) })
  func defaultsParseBack(command: String, options: [OptionSpec]) {
    for spec in options {
      guard let text = spec.defaultValue else { continue }
      let values =
        spec.kind == .list
        ? text.split(separator: ",").map(String.init)
        : [text]
      for value in values {
        #expect(spec.check(value) == nil, "\(command) --\(spec.name) \(value)")
      }
    }
  }

  /// Typed defaults print as the command line writes them.
  @Test func defaultsAreWrittenAsArguments() {
    let thresholds = ReportCommand.options.first { $0.name == "thresholds" }
    #expect(thresholds?.defaultValue == "0.88,0.9,0.91")
    let form = TrainCommand.options.first { $0.name == "damping-form" }
    #expect(form?.defaultValue == "sqrt")
  }
}
