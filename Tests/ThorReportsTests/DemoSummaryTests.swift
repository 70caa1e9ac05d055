import Foundation
import Testing
import ThorFormats

@testable import ThorReports

@Suite("Demo summary") struct DemoSummaryTests {
  func run(_ label: String, _ epochs: [(Double, Double, Double)]) throws
    -> TrainingRun
  {
    let text = epochs.enumerated().map { k, e in
      logLine(
        epoch: k + 1, accuracy: e.0, total: e.1, epochSeconds: e.2,
        optimizer: label)
    }.joined(separator: "\n")
    let records = try TrainingLogReader.parse(
      Data(text.utf8), file: "\(label).jsonl")
    return TrainingRun(label: label, source: "\(label).jsonl", records: records)
  }

  /// The cells of the comparison row that starts with `name`.
  func row(_ name: String, in text: String) throws -> [String] {
    let line = try #require(
      text.split(separator: "\n").first { $0.hasPrefix(name) })
    return line.dropFirst(name.count)
      .components(separatedBy: "  ")
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  @Test func ratiosAreTheLastRunOverTheFirst() throws {
    // SGD reaches 88% at 20 s (epoch 2), never 90%; THOR 88% at 8 s
    // (epoch 1), 90% at 16 s. Epochs: 10 s against 8 s.
    let sgd = try run("sgd", [(0.85, 10, 10), (0.89, 20, 10)])
    let thor = try run("thor", [(0.885, 8, 8), (0.905, 16, 8)])
    let summary = DemoSummary(
      folder: "demo", plan: PlanFixtures.smallPlan(), runs: [sgd, thor],
      thresholds: [0.88, 0.9], stages: [], totalSeconds: 1)
    let text = summary.text
    #expect(
      try row("time to 88%", in: text)
        == ["20.0 s (epoch 2)", "8.0 s (epoch 1)", "0.40"])
    #expect(
      try row("time to 90%", in: text) == ["—", "16.0 s (epoch 2)", "—"])
    #expect(try row("time per epoch", in: text) == ["10.0 s", "8.0 s", "0.80"])
    #expect(try row("best test accuracy", in: text) == ["89.00%", "90.50%"])
    #expect(try row("conv.A", in: text) == ["8", "2", "0.0090", "—"])
  }
}
