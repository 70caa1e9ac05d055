import Foundation
import Testing

@Suite("thor-tune report (binary)") struct ReportCommandTests {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("thor-tune-report-\(UUID().uuidString)")

  func log(_ name: String, accuracies: [Double]) throws -> String {
    let lines = accuracies.enumerated().map { index, accuracy in
      "{\"damping\":0,\"epoch\":\(index + 1),\"epoch_seconds\":10,"
        + "\"factor_seconds\":0,\"inverse_seconds\":0,\"layers\":{},"
        + "\"lr\":0.1,\"model\":\"cnn\",\"optimizer\":\"sgd\","
        + "\"precondition_seconds\":0,\"seed\":1,"
        + "\"test_accuracy\":\(accuracy),\"test_loss\":0.3,"
        + "\"total_seconds\":\(10 * (index + 1)),\"train_accuracy\":0.9,"
        + "\"train_loss\":0.4}"
    }
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    return url.path
  }

  @Test func writesTheReportFolder() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let a = try log("a.jsonl", accuracies: [0.85, 0.89, 0.905])
    let out = folder.appendingPathComponent("out").path
    let outcome = try CommandLineBinary.run(
      ["report", "--log", a, "--label", "SGD", "--out", out])
    #expect(outcome.status == 0)
    let names = try FileManager.default.contentsOfDirectory(atPath: out)
    #expect(
      Set(names) == [
        "report.md", "fig7a-train-loss-epoch.svg",
        "fig7b-train-loss-time.svg", "fig7c-test-accuracy-epoch.svg",
        "fig7d-test-accuracy-time.svg",
      ])
    let md = try String(
      contentsOfFile: out + "/report.md", encoding: .utf8)
    // 88% at epoch 2 (20 s), 90% at epoch 3 (30 s), 91% never.
    #expect(md.contains("| time to 88% | 20.0 s (epoch 2) |"))
    #expect(md.contains("| time to 90% | 30.0 s (epoch 3) |"))
    #expect(md.contains("| time to 91% | — |"))
    // No temporary folder is left next to the report.
    let siblings = try FileManager.default.contentsOfDirectory(
      atPath: folder.path)
    #expect(!siblings.contains { $0.hasPrefix(".tmp-") })
  }

  @Test func badInputLeavesNoOutput() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let a = try log("a.jsonl", accuracies: [0.85])
    let bad = folder.appendingPathComponent("bad.jsonl")
    try Data("{\"epoch\": 1}\n".utf8).write(to: bad)
    let out = folder.appendingPathComponent("out").path
    let outcome = try CommandLineBinary.run(
      ["report", "--log", a, "--log", bad.path, "--out", out])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("bad.jsonl:1: missing field 'model'"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func usageErrors() throws {
    let none = try CommandLineBinary.run(["report"])
    #expect(none.status == 64)
    #expect(
      none.stderr.hasPrefix(
        "Error: Missing expected argument '--log <file> or --dumps <path>'."))
    let labels = try CommandLineBinary.run(
      ["report", "--log", "a.jsonl", "--label", "x,y"])
    #expect(labels.status == 64)
    #expect(labels.stderr.contains("gives 2 label(s) for 1 log(s)"))
    let thresholds = try CommandLineBinary.run(
      ["report", "--log", "a.jsonl", "--thresholds", "91"])
    #expect(thresholds.status == 64)
    #expect(thresholds.stderr.contains("must be a fraction in (0, 1]"))
  }
}
