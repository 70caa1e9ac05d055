import Foundation
import Testing
import ThorFormats
import ThorSafetensors
import ThorSolver

/// `plan --shard i/n` and `plan --merge`, run as the binary: the merged
/// plan and report against the unsharded run's, and every refusal.
@Suite("thor-tune plan --shard and --merge (binary)") struct PlanShardTests {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("thor-tune-shard-\(UUID().uuidString)")
  static let profile = PlanCommandTests.profile
  static let options = ["--profile", profile, "--candidates", "4,8,16,32"]

  /// A dump of seven factors of different sizes (the last one alone).
  func writeDump(_ name: String, coupling: Double) throws -> URL {
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true)
    var writer = SafetensorsWriter(metadata: ["format": "thor-tune/factors"])
    let dims = [
      ("conv1.A", 45), ("conv1.G", 16), ("conv2.A", 72), ("conv2.G", 32),
      ("fc.A", 60), ("fc.G", 10), ("head.A", 27),
    ]
    for (k, (tensor, d)) in dims.enumerated() {
      writer.add(
        name: tensor, shape: [d, d],
        values: PlanCommandTests.factor(
          d, coupling: coupling + 0.01 * Double(k)
        ).map(Float.init))
    }
    let url = folder.appendingPathComponent(name)
    try writer.serialized().write(to: url)
    return url
  }

  func path(_ name: String) -> String {
    folder.appendingPathComponent(name).path
  }

  /// Runs shards `indices` of `count` on `dump` with `extra` options.
  func runShards(
    _ dump: URL, count: Int, indices: [Int]? = nil, extra: [String] = []
  ) throws -> [String] {
    try (indices ?? Array(0..<count)).map { i in
      let out = path("part-\(i)-\(UUID().uuidString).json")
      let outcome = try CommandLineBinary.run(
        [
          "plan", "--factors", dump.path, "--shard", "\(i)/\(count)",
          "--out", out,
        ] + Self.options + extra)
      #expect(outcome.status == 0, "\(outcome.stderr)")
      return out
    }
  }

  func merge(_ parts: [String], report: String = "merged")
    throws -> CommandLineBinary.Outcome
  {
    try CommandLineBinary.run(
      ["plan", "--merge"] + parts + [
        "--profile", Self.profile, "--out", path("\(report).json"),
        "--report", path(report),
      ])
  }

  /// `text` without the lines of its provenance: the JSON object, or the
  /// report's list before the first section.
  static func withoutProvenance(_ text: String) -> String {
    var lines: [Substring] = []
    var skipping = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line == "  \"provenance\" : {" { skipping = true }
      if !skipping { lines.append(line) }
      if skipping && line == "  }," { skipping = false }
    }
    let joined = lines.joined(separator: "\n")
    if let section = joined.range(of: "\n## ") {
      return String(joined[section.lowerBound...])
    }
    return joined
  }

  @Test func fourShardsMergeToTheUnshardedPlanAndReport() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let dump = try writeDump("dump.safetensors", coupling: 0.05)
    let whole = try CommandLineBinary.run(
      [
        "plan", "--factors", dump.path, "--out", path("whole.json"),
        "--report", path("whole"),
      ] + Self.options)
    #expect(whole.status == 0, "\(whole.stderr)")
    let parts = try runShards(dump, count: 4)
    let shards = try parts.map { try PlanShard.load(from: $0) }
    #expect(shards.map(\.analyses.count).reduce(0, +) == 7)
    #expect(shards.allSatisfy { !$0.analyses.isEmpty })
    let merged = try merge(parts.reversed())
    #expect(merged.status == 0, "\(merged.stderr)")
    for file in ["whole.json", "whole/report.md"] {
      let mergedFile = file.replacingOccurrences(of: "whole", with: "merged")
      let a = try String(contentsOfFile: path(file), encoding: .utf8)
      let b = try String(contentsOfFile: path(mergedFile), encoding: .utf8)
      #expect(a.contains("peak_resident_bytes") || a.contains("Peak resid"))
      #expect(Self.withoutProvenance(a) == Self.withoutProvenance(b))
      #expect(Self.withoutProvenance(a).count > a.count / 2)
    }
    for svg in try FileManager.default.contentsOfDirectory(
      atPath: path("whole")) where svg.hasSuffix(".svg")
    {
      #expect(
        try Data(contentsOf: URL(fileURLWithPath: path("whole/\(svg)")))
          == Data(contentsOf: URL(fileURLWithPath: path("merged/\(svg)"))))
    }
    let plan = try JSONDecoder().decode(
      Plan.self,
      from: Data(
        contentsOf: URL(
          fileURLWithPath: path(
            "merged.json"))))
    #expect(plan.provenance.options["shards"] == "4")
    #expect(
      plan.provenance.factorsSHA256
        == (try SHA256.hexDigest(ofFileAt: dump)))
  }

  @Test func mergeRefusesIncompleteOrForeignShards() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let dump = try writeDump("dump.safetensors", coupling: 0.05)
    let other = try writeDump("other.safetensors", coupling: 0.2)
    let parts = try runShards(dump, count: 3)
    func refused(_ files: [String], _ message: String) throws {
      let outcome = try merge(files, report: "r-\(UUID().uuidString)")
      #expect(outcome.status == 1)
      #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }
    try refused(
      [parts[0], parts[2]], "shard 1/3 is missing; pass every shard's file")
    let foreign = try runShards(other, count: 3, indices: [1])[0]
    try refused(
      [parts[0], foreign, parts[2]],
      "'\(foreign)' is a shard of another dump than '\(parts[0])'")
    let tolerant = try runShards(
      dump, count: 3, indices: [1], extra: ["--tolerance", "0.05"])[0]
    try refused(
      [parts[0], tolerant, parts[2]],
      "'\(tolerant)' was made with --tolerance 0.05, '\(parts[0])' with "
        + "0.01")
    let four = try runShards(dump, count: 4, indices: [1])[0]
    try refused(
      [parts[0], four], "'\(four)' is a shard of 4, '\(parts[0])' of 3")
    try refused(
      [parts[0], parts[1], parts[1], parts[2]],
      "shard 1/3 is given twice: '\(parts[1])' and '\(parts[1])'")
    // A factor copied into a second shard.
    var first = try PlanShard.load(from: parts[0])
    let second = try PlanShard.load(from: parts[1])
    first.analyses.append(second.analyses[0])
    let doubled = path("doubled.json")
    try JSONEncoder().encode(first).write(to: URL(fileURLWithPath: doubled))
    try refused(
      [doubled, parts[1], parts[2]],
      "factor '\(second.analyses[0].tensor)' is analysed in both "
        + "'\(doubled)' and '\(parts[1])'")
    // A plan is not a shard.
    let whole = try CommandLineBinary.run(
      [
        "plan", "--factors", dump.path, "--out", path("plan.json"),
        "--report", path("plan"),
      ] + Self.options)
    #expect(whole.status == 0)
    try refused(
      [parts[0], path("plan.json")],
      "'\(path("plan.json"))' is not a plan shard this version reads")
    try refused(
      [parts[0], path("absent.json")], "'\(path("absent.json"))': cannot read")
  }

  @Test func usageErrorsExit64() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let dump = try writeDump("dump.safetensors", coupling: 0.05)
    let cases: [([String], String)] = [
      (
        ["--merge", "a.json", "--tolerance", "0.1"],
        "invalid for '--tolerance <tolerance>': cannot be combined"
      ),
      (
        ["--merge", "a.json", "--factors", dump.path],
        "cannot be combined with --merge"
      ),
      (["--merge"], "Missing expected argument '<shards>'"),
      (["a.json", "--factors", dump.path], "Unexpected argument 'a.json'"),
      ([], "Missing expected argument '--factors <file>'"),
      (["--factors", dump.path, "--shard", "4/4"], "expected i/n with 0"),
      (
        ["--factors", dump.path, "--shard", "0/2", "--report", "r"],
        "a shard writes no report"
      ),
      (
        ["--factors", dump.path, "--memory", "lots"],
        "expected a positive size"
      ),
    ]
    for (arguments, message) in cases {
      let outcome = try CommandLineBinary.run(["plan"] + arguments)
      #expect(outcome.status == 64, "\(arguments)")
      #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }
  }
}
