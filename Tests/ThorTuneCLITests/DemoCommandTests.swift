import Foundation
import Testing
import ThorSolver

/// `thor-tune demo --quick` end to end: its files, and its printed summary
/// checked against numbers recomputed here from `plan.json`,
/// `profile.json` and the training logs.
@Suite("thor-tune demo (binary)") struct DemoCommandTests {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("thor-tune-demo-\(UUID().uuidString)")

  /// Low thresholds that a 2-epoch run on 512 images reaches (0.05), may
  /// reach (0.5) and never reaches (0.99), so every branch is checked.
  static let thresholds = [0.05, 0.5, 0.99]

  @Test func quickDemoWritesEverythingAndItsSummaryMatchesTheFiles() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("demo")
    let outcome = try CommandLineBinary.run([
      "demo", "--quick", "--out", out.path, "--seed", "3", "--thresholds",
      Self.thresholds.map { "\($0)" }.joined(separator: ","),
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    for stage in 1...6 {
      #expect(outcome.stderr.contains("[\(stage)/6] done in"))
    }
    let files = [
      "index.md", "profile.json", "factors.safetensors", "capture.jsonl",
      "plan.json", "plan/report.md", "plan/fig5-normalized-curves.svg",
      "sgd.jsonl", "thor.jsonl", "training/report.md",
      "training/fig7c-test-accuracy-epoch.svg",
      "training/fig7d-test-accuracy-time.svg",
    ]
    for file in files {
      #expect(
        FileManager.default.fileExists(
          atPath: out.appendingPathComponent(file).path), "\(file)")
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path)
        == ["demo"])  // no temporary folder left

    let summary = outcome.stdout
    let plan = try Self.json(out.appendingPathComponent("plan.json"))
    let profile = try Self.json(out.appendingPathComponent("profile.json"))
    try checkSplits(summary, plan: plan)
    try checkModelledTime(summary, plan: plan, profile: profile)
    let sgd = try Self.log(out.appendingPathComponent("sgd.jsonl"))
    let thor = try Self.log(out.appendingPathComponent("thor.jsonl"))
    try checkComparison(summary, sgd: sgd, thor: thor)

    // The plan names the published files; the digest is the dump's.
    let provenance = plan["provenance"] as! [String: Any]
    let factors = out.appendingPathComponent("factors.safetensors")
    #expect(provenance["factors"] as? String == factors.path)
    #expect(
      provenance["factors_sha256"] as? String
        == (try SHA256.hexDigest(ofFileAt: factors)))
    // index.md holds the summary and links only to files that exist.
    let index = try String(
      contentsOf: out.appendingPathComponent("index.md"), encoding: .utf8)
    #expect(index.contains(summary))
    #expect(index.contains("seed 3"))
    let links = try Regex(#"\]\(([^)]+)\)"#)
    let targets = index.matches(of: links).map {
      String($0.output[1].substring!)
    }
    #expect(targets.count == 7)
    for target in targets {
      #expect(
        FileManager.default.fileExists(
          atPath: out.appendingPathComponent(target).path), "\(target)")
    }
  }

  /// Every factor of `plan.json` has its line: dimension, split (`none`
  /// when it is the whole factor) and loss.
  func checkSplits(_ summary: String, plan: [String: Any]) throws {
    var count = 0
    for layer in plan["layers"] as! [[String: Any]] {
      for key in ["A", "G"] {
        guard let factor = layer[key] as? [String: Any] else { continue }
        count += 1
        let name = "\(layer["name"] as! String).\(key)"
        let row = try #require(Self.row(name, in: summary), "\(name)")
        let dim = factor["dim"] as! Int
        let split = factor["split"] as! Int
        #expect(row[1] == String(dim))
        #expect(row[2] == (split >= dim ? "none" : String(split)))
        #expect(abs(Double(row[3])! - (factor["loss"] as! Double)) <= 5e-5)
      }
    }
    #expect(count == 8)  // cnn: conv1, conv2, fc1, fc2
  }

  /// The modelled seconds per epoch and the savings. The per-layer total
  /// is recomputed as the sum of the factors' own modelled seconds; the
  /// no-split inversions from the profile (the README's interpolation, n³
  /// growth past the last dim) times the mean updates per epoch.
  func checkModelledTime(
    _ summary: String, plan: [String: Any], profile: [String: Any]
  ) throws {
    let factors = (plan["layers"] as! [[String: Any]]).flatMap { layer in
      ["A", "G"].compactMap { layer[$0] as? [String: Any] }
    }
    let perLayer = factors.reduce(0) {
      $0 + (($1["epoch_seconds"] as! [String: Any])["total_s"] as! Double)
    }
    let results = (profile["results"] as! [[String: Any]]).map {
      (dim: $0["dim"] as! Int, us: $0["median_us"] as! Double)
    }
    func time(_ d: Int) -> Double {
      if d <= results[0].dim { return results[0].us }
      let last = results[results.count - 1]
      if d >= last.dim {
        return last.us * pow(Double(d) / Double(last.dim), 3)
      }
      let k = results.firstIndex { $0.dim >= d }!
      let (lo, hi) = (results[k - 1], results[k])
      return lo.us + Double(d - lo.dim) / Double(hi.dim - lo.dim)
        * (hi.us - lo.us)
    }
    let training = plan["training"] as! [String: Any]
    let updates = training["updates_per_epoch"] as! [Int]
    let meanUpdates = Double(updates.reduce(0, +)) / Double(updates.count)
    let noSplitInversions = factors.reduce(0) {
      $0 + time($1["dim"] as! Int) * 1e-6 * meanUpdates
    }
    func seconds(_ cell: String) -> Double {
      Double(cell.replacingOccurrences(of: " s", with: ""))!
    }
    let noSplit = try #require(Self.row("no split", in: summary))
    #expect(abs(seconds(noSplit[2]) - noSplitInversions) <= 5e-4 + 1e-9)
    let perLayerRow = try #require(Self.row("per-layer plan", in: summary))
    #expect(abs(seconds(perLayerRow[3]) - perLayer) <= 5e-4 + 1e-9)
    let epochSeconds = training["epoch_seconds"] as! [String: [String: Any]]
    let planned = epochSeconds["per-layer"]!["total_s"] as! Double
    for (name, key) in [("no split", "no-split"), ("split 128", "split-128")] {
      let reference = epochSeconds[key]!["total_s"] as! Double
      let expected =
        planned <= reference
        ? String(
          format: "%.1f%% saved (%.2fx faster)",
          100 * (1 - planned / reference), reference / planned)
        : String(format: "%.2fx slower", planned / reference)
      #expect(summary.contains("Per-layer plan vs \(name): \(expected)."))
    }
  }

  /// Best accuracy, time to each threshold (training seconds at the end of
  /// the first epoch reaching it), their ratio and the median epoch time.
  func checkComparison(
    _ summary: String, sgd: [[String: Any]], thor: [[String: Any]]
  ) throws {
    #expect(sgd.count == 2 && thor.count == 2)
    #expect(sgd.allSatisfy { $0["optimizer"] as? String == "sgd" })
    #expect(thor.allSatisfy { $0["optimizer"] as? String == "thor" })
    #expect((sgd + thor).allSatisfy { $0["seed"] as? Int == 3 })
    let runs = [sgd, thor]
    let best = try #require(Self.row("best test accuracy", in: summary))
    for (k, run) in runs.enumerated() {
      let accuracy = run.map { $0["test_accuracy"] as! Double }.max()!
      #expect(best[k + 1] == String(format: "%.2f%%", 100 * accuracy))
    }
    var reachedAny = false
    for (threshold, label) in zip(Self.thresholds, ["5%", "50%", "99%"]) {
      let row = try #require(Self.row("time to \(label)", in: summary))
      let reached = runs.map { run in
        run.enumerated().first {
          ($0.element["test_accuracy"] as! Double) >= threshold
        }.map {
          (
            epoch: $0.offset + 1,
            seconds: $0.element["total_seconds"] as! Double
          )
        }
      }
      for (k, r) in reached.enumerated() {
        let cell = r.map {
          String(format: "%.1f s (epoch %d)", $0.seconds, $0.epoch)
        }
        #expect(row[k + 1] == (cell ?? "—"))
      }
      if let s = reached[0], let t = reached[1] {
        reachedAny = true
        #expect(row[3] == String(format: "%.2f", t.seconds / s.seconds))
      } else {
        #expect(row[3] == "—")
      }
    }
    #expect(reachedAny)
    let perEpoch = try #require(Self.row("time per epoch", in: summary))
    for (k, run) in runs.enumerated() {
      let times = run.map { $0["epoch_seconds"] as! Double }.sorted()
      let median = (times[0] + times[1]) / 2
      #expect(perEpoch[k + 1] == String(format: "%.1f s", median))
    }
    let medians = runs.map { run in
      let times = run.map { $0["epoch_seconds"] as! Double }.sorted()
      return (times[0] + times[1]) / 2
    }
    #expect(perEpoch[3] == String(format: "%.2f", medians[1] / medians[0]))
  }

  @Test func interruptKeepsTheEarlierFolderAndLeavesNothingElse() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("demo")
    try FileManager.default.createDirectory(
      at: out, withIntermediateDirectories: true)
    let marker = out.appendingPathComponent("earlier.txt")
    try Data("earlier run\n".utf8).write(to: marker)
    let process = Process()
    process.executableURL = CommandLineBinary.url
    process.arguments = ["demo", "--quick", "--out", out.path]
    process.standardOutput = Pipe()
    process.standardError = Pipe()
    try process.run()
    // Wait until the demo works in its temporary folder (it is made
    // before the data is loaded).
    let deadline = Date().addingTimeInterval(60)
    var started = false
    while !started, Date() < deadline, process.isRunning {
      started = try FileManager.default.contentsOfDirectory(
        atPath: folder.path
      ).contains { $0.hasPrefix(".tmp-demo-") }
      if !started { Thread.sleep(forTimeInterval: 0.01) }
    }
    #expect(started)
    process.signalAndWait()
    #expect(process.terminationStatus == 130)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path)
        == ["demo"])
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: out.path)
        == ["earlier.txt"])
  }

  @Test func missingDataFailsWithoutOutput() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("demo")
    let data = folder.appendingPathComponent("no-data").path
    let outcome = try CommandLineBinary.run(
      ["demo", "--quick", "--out", out.path, "--data", data])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("Error: "))
    #expect(outcome.stderr.contains(data))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .isEmpty)
  }

  @Test func nonPositiveEpochsIsAUsageError() throws {
    let outcome = try CommandLineBinary.run(["demo", "--epochs", "0"])
    #expect(outcome.status == 64)
    #expect(outcome.stderr.contains("--epochs"))
  }

  /// The cells of the summary line starting with `label` (columns are
  /// separated by two or more spaces).
  static func row(_ label: String, in summary: String) -> [String]? {
    let separator = try! Regex(#"\s{2,}"#)
    for line in summary.split(separator: "\n") {
      let cells = line.split(separator: separator).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      if cells.first == label { return cells }
    }
    return nil
  }

  /// `1234.5 µs` as a number.
  static func json(_ url: URL) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url))
      as! [String: Any]
  }

  /// A JSON Lines log, one object per line.
  static func log(_ url: URL) throws -> [[String: Any]] {
    try String(contentsOf: url, encoding: .utf8)
      .split(separator: "\n").map {
        try JSONSerialization.jsonObject(with: Data($0.utf8))
          as! [String: Any]
      }
  }
}
