@testable import ThorTuneCLI

/// A command declaring one option of every kind, for parser and help tests.
struct SampleCommand: Command {
  enum Shape: String, CaseIterable, ArgumentValue { case square, wide }

  static let name = "sample"
  static let abstract = "Exercises the parser."
  static let discussion = "A longer paragraph that explains the command."
  static var options: [OptionSpec] {
    [
      .list(
        "sizes", of: Int.self, valueName: "n", help: "Sizes to use.",
        default: [1, 2]),
      .value("shape", as: Shape.self, help: "The shape.", default: .square),
      .value("rate", as: Double.self, help: "A rate.", default: 0.5),
      .value(
        "out", short: "o", valueName: "file", help: "Output file.",
        defaultDescription: "derived from the sizes"),
      .value("name", help: "A required name.", required: true),
      .flag("quiet", short: "q", help: "Print less."),
    ]
  }
  static var arguments: [ArgumentSpec] {
    [ArgumentSpec("input", help: "An input file.", optional: true)]
  }

  let sizes: [Int]

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    sizes = try arguments.values(
      "sizes", as: Int.self, where: { $0 > 0 }, "must be positive")
  }

  func run() throws {}
}
