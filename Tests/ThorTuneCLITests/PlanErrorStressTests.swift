import Foundation
import Testing
import ThorSafetensors

/// Runs `plan` many times on each kind of factor that fails only once the
/// analysis (and the background SHA-256 of the dump) has started: an exit
/// that races a background thread crashes only now and then, so one run
/// proves nothing.
@Suite("thor-tune plan error exits (stress)") struct PlanErrorStressTests {
  /// Runs of each error kind; a one-in-six crash survives 30 runs with
  /// probability (5/6)^30 < 0.5%.
  static let runs = 30

  /// A bad factor, the message it must produce, and how to make it.
  struct BadFactor: CustomTestStringConvertible, Sendable {
    var name: String
    var message: String
    var values: @Sendable (Int) -> [Double]
    var testDescription: String { name }
  }

  /// `diag(1..d)` plus 0.1 everywhere: symmetric positive definite.
  static func good(_ d: Int) -> [Double] {
    (0..<d * d).map { k in (k / d == k % d ? Double(k / d + 1) : 0) + 0.1 }
  }

  static let kinds: [BadFactor] = [
    BadFactor(
      name: "infinity", message: "holds a NaN or infinite value",
      values: { d in
        var v = good(d)
        v[d + 2] = .infinity
        return v
      }),
    BadFactor(
      name: "NaN on the diagonal", message: "holds a NaN or infinite value",
      values: { d in
        var v = good(d)
        v[3 * d + 3] = .nan
        return v
      }),
    BadFactor(
      name: "negative diagonal", message: "diagonal element [4] = -5.0 < 0",
      values: { d in
        var v = good(d)
        v[4 * d + 4] = -5
        return v
      }),
    BadFactor(
      name: "not symmetric", message: "is not symmetric",
      values: { d in
        var v = good(d)
        v[1] = 7
        return v
      }),
    BadFactor(
      name: "byte-swapped (big-endian) values", message: "factor 'conv.A'",
      values: { d in
        good(d).map { Double(bitPattern: $0.bitPattern.byteSwapped) }
      }),
  ]

  @Test(arguments: kinds)
  func everyErrorExitIsClean(kind: BadFactor) throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("thor-tune-stress-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    // A large tensor that is not a factor keeps the digest busy while the
    // small bad factor fails at once.
    var writer = SafetensorsWriter(metadata: ["format": "thor-tune/factors"])
    writer.add(name: "conv.A", shape: [12, 12], values: kind.values(12))
    writer.add(
      name: "filler", shape: [4 << 20],
      values: [Float](
        repeating: 1,
        count: 4 << 20))
    let dump = folder.appendingPathComponent("dump.safetensors")
    try writer.serialized().write(to: dump)
    let out = folder.appendingPathComponent("plan.json")
    let report = folder.appendingPathComponent("report")
    var statuses: [Int32: Int] = [:]
    for _ in 0..<Self.runs {
      let outcome = try CommandLineBinary.run([
        "plan", "--factors", dump.path, "--profile", PlanCommandTests.profile,
        "--out", out.path, "--report", report.path,
      ])
      statuses[outcome.status, default: 0] += 1
      if outcome.status == 1 {
        #expect(outcome.stderr.contains(kind.message), "\(outcome.stderr)")
      }
    }
    #expect(
      statuses == [1: Self.runs], "exit statuses (count each): \(statuses)")
    let left = try FileManager.default.contentsOfDirectory(
      atPath: folder.path)
    #expect(left == ["dump.safetensors"])
  }
}
