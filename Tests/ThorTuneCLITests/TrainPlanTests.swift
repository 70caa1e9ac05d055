import Foundation
import Testing
import ThorFormats
import ThorSolver

/// `train --plan` hands the plan's splits to the optimizer: the log's
/// per-layer `split_a` / `split_g` (the splits the inverses are computed
/// with) are the plan's, and a whole factor has none.
@Suite("train --plan (binary)") struct TrainPlanTests {
  @Test func logRecordsThePlansSplits() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("thor-tune-train-plan-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let data = try SyntheticImages.write(in: root)
    func factor(_ dim: Int, _ split: Int) -> Plan.Factor {
      Plan.Factor(
        dim: dim, split: split, loss: 0, costMicroseconds: 1, losses: [0])
    }
    // mlp:784,16,10: fc1 A 785, G 16; fc2 A 17, G 10.
    let plan = Plan(
      provenance: .init(
        factors: "f", factorsSHA256: "0", profile: "p", options: [:],
        tool: "test", created: "2026-01-01T00:00:00Z"),
      candidates: [8], tolerance: 0.01, strategy: .perLayer,
      global: .init(
        split: 8, intersection: nil, fractionWithinTolerance: [1],
        normalizedPerformance: [1]),
      layers: [
        .init(name: "fc1", A: factor(785, 64), G: factor(16, 4)),
        .init(name: "fc2", A: factor(17, 17), G: factor(10, 8)),
      ],
      totals: .init(
        noSplitMicroseconds: 1, globalMicroseconds: 1,
        perLayerMicroseconds: 1, globalWorstLoss: 0, perLayerWorstLoss: 0))
    let planURL = root.appendingPathComponent("plan.json")
    try JSONEncoder().encode(plan).write(to: planURL)
    let log = root.appendingPathComponent("log.jsonl")
    let outcome = try CommandLineBinary.run([
      "train", "--data", data.path, "--model", "mlp:784,16,10",
      "--optimizer", "thor", "--epochs", "1", "--batch-size", "128",
      "--plan", planURL.path, "--log", log.path, "--threads", "1",
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let line = try String(contentsOf: log, encoding: .utf8)
      .split(separator: "\n")[0]
    let record = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8))
        as? [String: Any])
    let layers = try #require(record["layers"] as? [String: [String: Any]])
    #expect(layers["fc1"]?["split_a"] as? Int == 64)
    #expect(layers["fc1"]?["split_g"] as? Int == 4)
    #expect(layers["fc2"]?["split_a"] == nil)  // 17 of 17: whole
    #expect(layers["fc2"]?["split_g"] as? Int == 8)
  }
}
