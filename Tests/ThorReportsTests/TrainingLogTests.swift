import Foundation
import Testing
import ThorFormats

@testable import ThorReports

/// A log line as the trainer writes it (compact JSON, sorted keys).
func logLine(
  epoch: Int, accuracy: Double, total: Double, epochSeconds: Double = 10,
  optimizer: String = "thor", loss: Double = 0.5
) -> String {
  "{\"damping\":0.03,\"epoch\":\(epoch),\"epoch_seconds\":\(epochSeconds),"
    + "\"factor_seconds\":1,\"inverse_seconds\":2,\"layers\":{},"
    + "\"lr\":0.1,\"model\":\"cnn\",\"optimizer\":\"\(optimizer)\","
    + "\"precondition_seconds\":0.5,\"seed\":7,\"test_accuracy\":\(accuracy),"
    + "\"test_loss\":0.4,\"total_seconds\":\(total),"
    + "\"train_accuracy\":0.9,\"train_loss\":\(loss)}"
}

@Suite("Training logs") struct TrainingLogTests {
  func parse(_ text: String) throws(TrainingLogError) -> [EpochRecord] {
    try TrainingLogReader.parse(Data(text.utf8), file: "run.jsonl")
  }

  func message(_ text: String) -> String? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func readsRecordsAndSkipsBlankLines() throws {
    let text =
      logLine(epoch: 1, accuracy: 0.8, total: 10) + "\n\n"
      + logLine(epoch: 2, accuracy: 0.85, total: 20) + "\n"
    let records = try parse(text)
    #expect(records.map(\.epoch) == [1, 2])
    #expect(records[1].testAccuracy == 0.85)
  }

  @Test func errorsNameTheLineAndTheProblem() {
    let good = logLine(epoch: 1, accuracy: 0.8, total: 10)
    #expect(
      message(good + "\n{\"epoch\": 2")?.hasPrefix(
        "run.jsonl:2: not a JSON object") == true)
    let missing = good.replacingOccurrences(
      of: "\"train_loss\":0.5", with: "\"x\":1")
    #expect(message(missing) == "run.jsonl:1: missing field 'train_loss'")
    let wrongType = good.replacingOccurrences(
      of: "\"epoch\":1", with: "\"epoch\":\"one\"")
    #expect(
      message(wrongType) == "run.jsonl:1: field 'epoch': expected an integer")
    #expect(
      message(good + "\n" + logLine(epoch: 1, accuracy: 0.9, total: 20))
        == "run.jsonl:2: epoch 1 does not follow epoch 1")
    #expect(
      message(
        good + "\n"
          + logLine(epoch: 2, accuracy: 0.9, total: 20, optimizer: "sgd"))
        == "run.jsonl:2: optimizer 'sgd' differs from 'thor' on line 1; "
        + "a log holds one run")
    #expect(
      message(good + "\n" + logLine(epoch: 2, accuracy: 0.9, total: 5))
        == "run.jsonl:2: total_seconds 5.0 is less than 10.0 on the line "
        + "before")
    #expect(
      message("\n \n") == "run.jsonl: the training log has no epoch records")
  }

  @Test func unreadableFile() {
    let url = URL(fileURLWithPath: "/nonexistent/run.jsonl")
    #expect(throws: TrainingLogError.self) { try TrainingLogReader.read(url) }
  }

  @Test func thresholdTimesByHand() throws {
    let accuracies = [0.85, 0.885, 0.89, 0.905, 0.90]
    let seconds = [10.0, 12, 9, 11, 30]
    var total = 0.0
    let records = try parse(
      accuracies.indices.map { i in
        total += seconds[i]
        return logLine(
          epoch: i + 1, accuracy: accuracies[i], total: total,
          epochSeconds: seconds[i])
      }.joined(separator: "\n"))
    let summary = RunSummary(records, thresholds: [0.88, 0.90, 0.91])
    // 88%: epoch 2 at 10 + 12 s; 90%: epoch 4 at 10 + 12 + 9 + 11 s.
    #expect(
      summary.reached == [
        .init(epoch: 2, seconds: 22),
        .init(epoch: 4, seconds: 42), nil,
      ])
    #expect(summary.medianEpochSeconds == 11)  // of 9, 10, 11, 12, 30
    #expect(summary.bestTestAccuracy == 0.905)
    #expect(summary.inverseSeconds == 10)  // 2 s per epoch
    let run = TrainingRun(label: "THOR", source: "a.jsonl", records: records)
    let md = TrainingReport.render(
      runs: [run], thresholds: [0.88, 0.90, 0.91])["report.md"]!
    #expect(md.contains("| time to 88% | 22.0 s (epoch 2) |"))
    #expect(md.contains("| time to 91% | — |"))
    #expect(md.contains("| best test accuracy | 90.50% |"))
    #expect(md.contains("| time per epoch | 11.0 s |"))
  }

  @Test func evenMedian() throws {
    let records = try parse(
      [10.0, 12, 9, 11].enumerated().map {
        logLine(
          epoch: $0.offset + 1, accuracy: 0.5,
          total: Double($0.offset + 1) * 20,
          epochSeconds: $0.element)
      }.joined(separator: "\n"))
    #expect(RunSummary(records, thresholds: []).medianEpochSeconds == 10.5)
  }

  @Test func defaultLabels() throws {
    let thor = try parse(logLine(epoch: 1, accuracy: 0.8, total: 1))
    let sgd = try parse(
      logLine(epoch: 1, accuracy: 0.8, total: 1, optimizer: "sgd"))
    #expect(
      TrainingRun.defaultLabels(for: [("x/a.jsonl", thor), ("b.jsonl", sgd)])
        == ["thor", "sgd"])
    #expect(
      TrainingRun.defaultLabels(for: [("x/a.jsonl", thor), ("b.jsonl", thor)])
        == ["thor (a.jsonl)", "thor (b.jsonl)"])
    #expect(
      TrainingRun.defaultLabels(for: [("x/a.jsonl", thor), ("y/a.jsonl", thor)])
        == ["thor (a.jsonl)", "thor (a.jsonl) #2"])
  }

  @Test func figureSevenOverlaysRuns() throws {
    let runs = try ["sgd", "thor"].map { name in
      TrainingRun(
        label: name, source: name,
        records: try parse(
          (1...3).map {
            logLine(
              epoch: $0, accuracy: 0.8 + 0.04 * Double($0),
              total: 10 * Double($0), optimizer: name)
          }.joined(separator: "\n")))
    }
    let files = TrainingReport.render(runs: runs)
    #expect(files.count == 5)
    for name in [
      "fig7a-train-loss-epoch.svg", "fig7b-train-loss-time.svg",
      "fig7c-test-accuracy-epoch.svg", "fig7d-test-accuracy-time.svg",
    ] {
      let svg = SVGInspector(try #require(files[name]))
      #expect(svg.all("polyline").count == 2)
      #expect(svg.texts("thor").count == 1)
    }
    let accuracy = SVGInspector(files["fig7c-test-accuracy-epoch.svg"]!)
    #expect(accuracy.texts("90%").count >= 1)
  }
}
