import Foundation
import Testing
import ThorFormats
import ThorProfiler
import ThorSafetensors
import ThorSolver

@Suite("thor-tune plan (binary)") struct PlanCommandTests {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("thor-tune-plan-\(UUID().uuidString)")
  static let profile = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().appendingPathComponent(
      "../../profiles/ascend910-paper.json"
    ).standardized.path

  /// `diag(1..d)` plus `c` everywhere: symmetric positive definite.
  static func factor(_ d: Int, coupling c: Double) -> [Double] {
    (0..<d * d).map { k in (k / d == k % d ? Double(k / d + 1) : 0) + c }
  }

  func writeDump(_ tensors: [(String, Int, [Double])]) throws -> URL {
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true)
    var writer = SafetensorsWriter(metadata: ["format": "thor-tune/factors"])
    for (name, d, values) in tensors {
      writer.add(name: name, shape: [d, d], values: values)
    }
    let url = folder.appendingPathComponent("dump.safetensors")
    try writer.serialized().write(to: url)
    return url
  }

  @Test func writesAPlanAndAJSONSummary() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let dump = try writeDump([
      ("conv.A", 40, Self.factor(40, coupling: 0.01)),
      ("conv.G", 20, Self.factor(20, coupling: 0)),
      ("fc.A", 30, Self.factor(30, coupling: 0.5)),
    ])
    let out = folder.appendingPathComponent("out/plan.json")
    let report = folder.appendingPathComponent("report")
    let outcome = try CommandLineBinary.run([
      "plan", "--factors", dump.path, "--profile", Self.profile,
      "--candidates", "4,8,16", "--out", out.path, "--json",
      "--report", report.path,
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("'fc' has no G factor"))
    let plan = try JSONDecoder().decode(
      Plan.self, from: Data(contentsOf: out))
    #expect(plan.format == "thor-tune/plan" && plan.candidates == [4, 8, 16])
    #expect(plan.layers.map(\.name) == ["conv", "fc"])
    #expect(plan.layers[1].G == nil)
    // A diagonal factor loses nothing at any split.
    #expect(plan.layers[0].G?.losses == [0, 0, 0])
    #expect(
      plan.provenance.factorsSHA256
        == (try SHA256.hexDigest(ofFileAt: dump)))
    let summary =
      try JSONSerialization.jsonObject(
        with: Data(outcome.stdout.utf8)) as? [String: Any]
    #expect(summary?["layers"] as? Int == 2)
    #expect((summary?["global"] as? [String: Any])?["split"] != nil)
    let files = try FileManager.default.contentsOfDirectory(
      atPath: report.path)
    #expect(files.contains("report.md"))
    #expect(files.filter { $0.hasSuffix(".svg") }.count == 3)
  }

  /// A version-1 profile prices inversions only (with a note); a version-2
  /// one adds the per-step products. Both plans carry the modelled run.
  @Test func plansFromBothProfileVersions() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let dump = try writeDump([
      ("fc.A", 40, Self.factor(40, coupling: 0.2)),
      ("fc.G", 12, Self.factor(12, coupling: 0.05)),
    ])
    var json =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: Self.profile)))
      as! [String: Any]
    json["version"] = 2
    json["products"] = [4, 16, 64].flatMap { dim in
      ["A", "G"].map { side -> [String: Any] in
        let us = Double(dim * dim) * 0.01
        return [
          "factor": side, "dim": dim, "other": 16, "median_us": us,
          "min_us": us, "p90_us": us, "repeats": 3,
        ]
      }
    }
    let v2 = folder.appendingPathComponent("v2.json")
    try JSONSerialization.data(withJSONObject: json).write(to: v2)
    var plans: [Plan] = []
    for (name, profile) in [("v1", Self.profile), ("v2", v2.path)] {
      let out = folder.appendingPathComponent("\(name).json")
      let outcome = try CommandLineBinary.run([
        "plan", "--factors", dump.path, "--profile", profile,
        "--candidates", "4,16", "--out", out.path, "--steps-per-epoch", "10",
        "--epochs", "2", "--inv-interval", "5", "--report",
        folder.appendingPathComponent("report-\(name)").path,
      ])
      #expect(outcome.status == 0, "\(outcome.stderr)")
      #expect(
        outcome.stderr.contains("without per-step product timings")
          == (name == "v1"))
      plans.append(
        try JSONDecoder().decode(
          Plan.self, from: Data(contentsOf: out)))
    }
    let (old, new) = (
      try #require(plans[0].training),
      try #require(plans[1].training)
    )
    #expect(!old.pricesProducts && new.pricesProducts)
    #expect(old.updatesPerEpoch == [2, 2] && new.stepsPerEpoch == 10)
    #expect(old.epochSeconds["no-split"]?.products == 0)
    // Products per block: 0.01·s² µs at other 16. No split, per step: A
    // (40, other 12, priced at 16): 2.56 + (24/48)·(40.96 − 2.56) = 21.76;
    // G (12, other 40, 40/16 of its time at 16): (0.16 + (8/12)·2.4)·2.5
    // = 4.4; 10 steps an epoch.
    let noSplit = try #require(new.epochSeconds["no-split"])
    #expect(abs(noSplit.products - 10 * 26.16e-6) < 1e-12)
    #expect(plans.allSatisfy { $0.layers.first?.A?.updateChanges != nil })
  }

  @Test func refusesToReplaceAFolderThatIsNotAReport() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let dump = try writeDump([("conv.A", 8, Self.factor(8, coupling: 0))])
    let busy = folder.appendingPathComponent("busy")
    try FileManager.default.createDirectory(
      at: busy, withIntermediateDirectories: true)
    try Data("mine".utf8).write(to: busy.appendingPathComponent("notes.txt"))
    let out = folder.appendingPathComponent("plan.json")
    let outcome = try CommandLineBinary.run([
      "plan", "--factors", dump.path, "--profile", Self.profile,
      "--out", out.path, "--report", busy.path,
    ])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("holds 'notes.txt'"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
    #expect(
      try String(
        contentsOf: busy.appendingPathComponent("notes.txt"), encoding: .utf8)
        == "mine")
  }

  @Test func badFactorFailsWithoutOutput() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    var values = Self.factor(10, coupling: 0.1)
    values[13] = .nan  // row 1, column 3
    let dump = try writeDump([("conv.A", 10, values)])
    let out = folder.appendingPathComponent("plan.json")
    let outcome = try CommandLineBinary.run([
      "plan", "--factors", dump.path, "--profile", Self.profile,
      "--out", out.path, "--report",
      folder.appendingPathComponent("report").path,
    ])
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr.contains(
        "factor 'conv.A' holds a NaN or infinite value at row 1, column 3"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
    let leftovers = try FileManager.default.contentsOfDirectory(
      atPath: folder.path)
    #expect(leftovers == ["dump.safetensors"])
  }

  @Test func usageAndInputErrors() throws {
    let missing = try CommandLineBinary.run(["plan"])
    #expect(missing.status == 64)
    #expect(missing.stderr.contains("--factors"))
    let tolerance = try CommandLineBinary.run(
      ["plan", "--factors", "x", "--tolerance", "2"])
    #expect(tolerance.status == 64)
    let repeated = try CommandLineBinary.run(
      ["plan", "--factors", "x", "--candidates", "8,4,8"])
    #expect(repeated.status == 64)
    #expect(
      repeated.stderr.hasPrefix(
        "Error: The value '8' is invalid for '--candidates <s,...>': "
          + "is given twice."))
    let absent = try CommandLineBinary.run(
      [
        "plan", "--factors", "/nonexistent/dump.bin", "--profile",
        Self.profile, "--report", folder.appendingPathComponent("r").path,
      ])
    #expect(absent.status == 1)
    #expect(absent.stderr.contains("/nonexistent/dump.bin"))
  }
}

@Suite("thor-tune plan finds profiles from anywhere")
struct ProfileDiscoveryTests {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("thor-tune-discovery-\(UUID().uuidString)")

  /// A dump in `folder/work` (the current folder of the runs).
  func prepare() throws -> URL {
    let work = folder.appendingPathComponent("work")
    try FileManager.default.createDirectory(
      at: work, withIntermediateDirectories: true)
    var writer = SafetensorsWriter(metadata: [:])
    writer.add(
      name: "fc.A", shape: [6, 6],
      values: PlanCommandTests.factor(6, coupling: 0.1))
    let dump = work.appendingPathComponent("dump.safetensors")
    try writer.serialized().write(to: dump)
    return dump
  }

  @Test func environmentFolderIsSearchedFirst() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let dump = try prepare()
    // The paper's profile relabelled with this machine's CPU.
    let profiles = folder.appendingPathComponent("mine")
    try FileManager.default.createDirectory(
      at: profiles, withIntermediateDirectories: true)
    var json =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: PlanCommandTests.profile)))
      as! [String: Any]
    var machine = json["machine"] as! [String: Any]
    machine["cpu"] = HardwareProfile.Machine.current().cpu
    json["machine"] = machine
    let profile = profiles.appendingPathComponent("here.json")
    try JSONSerialization.data(withJSONObject: json).write(to: profile)
    let outcome = try CommandLineBinary.run(
      ["plan", "--factors", dump.path, "--out", "plan.json"],
      in: dump.deletingLastPathComponent(),
      environment: ["THOR_TUNE_PROFILES": profiles.path])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let plan = try JSONDecoder().decode(
      Plan.self,
      from: Data(
        contentsOf: dump.deletingLastPathComponent()
          .appendingPathComponent("plan.json")))
    #expect(plan.provenance.profile.hasSuffix("mine/here.json"))
  }

  @Test func thePackagesProfilesAreFoundFromAnotherFolder() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let dump = try prepare()
    let shipped = URL(fileURLWithPath: PlanCommandTests.profile)
      .deletingLastPathComponent()
    let cpu = HardwareProfile.Machine.current().cpu
    let names = try FileManager.default.contentsOfDirectory(
      atPath: shipped.path)
    let matches = names.contains { name in
      (try? HardwareProfile.load(
        from: shipped.appendingPathComponent(name)))?.machine.cpu == cpu
    }
    let empty = folder.appendingPathComponent("empty")
    try FileManager.default.createDirectory(
      at: empty, withIntermediateDirectories: true)
    let outcome = try CommandLineBinary.run(
      ["plan", "--factors", dump.path, "--out", "plan.json"],
      in: dump.deletingLastPathComponent(),
      environment: ["THOR_TUNE_PROFILES": empty.path])
    if matches {
      #expect(outcome.status == 0, "\(outcome.stderr)")
    } else {
      // No shipped profile for this CPU: the message lists every folder.
      #expect(outcome.status == 1)
      #expect(outcome.stderr.contains(empty.path))
      #expect(outcome.stderr.contains(shipped.standardized.path))
    }
  }
}
