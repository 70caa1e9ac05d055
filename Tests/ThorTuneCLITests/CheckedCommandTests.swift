import Testing
import ThorTraining

@testable import ThorTuneCLI

/// A command built in code is checked as its printed command line would
/// be, including the checks on which options were given.
@Suite("Commands built in code") struct CheckedCommandTests {
  /// SGD with a K-FAC damping: the built value marks nothing as given, so
  /// its own `validate()` lets it through; its command line
  /// (`--damping 0.1` with the default optimizer sgd) is refused.
  @Test func secondOrderOptionWithSGDIsRefused() throws {
    var command = try TrainCommand.defaults()
    command.optimizer.secondOrder.damping = DampingSchedule(initial: 0.1)
    #expect(command.optimizer.kind == .sgd)
    #expect(command.renderedWords.contains("--damping"))
    try command.validate()
    #expect(throws: CommandLineError.self) { try command.checked() }
  }

  /// A consistent command comes back equal to what was built.
  @Test func consistentCommandPassesUnchanged() throws {
    var command = try TrainCommand.defaults()
    command.optimizer.kind = .secondOrder(.thor)
    command.optimizer.secondOrder.damping = DampingSchedule(initial: 0.1)
    let checked = try command.checked()
    #expect(checked.optimizer == command.optimizer)
    #expect(checked.configuration == command.configuration)
  }
}
