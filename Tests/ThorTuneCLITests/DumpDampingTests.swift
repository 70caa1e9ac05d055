import Foundation
import Testing
import ThorSafetensors
import ThorTraining

@testable import ThorTuneCLI

/// A dump's damping metadata, read once for `plan` and `precondition`.
@Suite("Dump damping metadata") struct DumpDampingTests {
  /// A one-factor dump with `metadata`, loaded back.
  static func dump(_ metadata: [String: String]) throws -> SafetensorsFile {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("thor-tune-damping-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: url) }
    var writer = SafetensorsWriter(metadata: metadata)
    writer.add(name: "fc.A", shape: [1, 1], values: [Float]([1]))
    try writer.write(to: url)
    return try SafetensorsFile(contentsOf: url)
  }

  @Test func readsWhatTheTrainerWrites() throws {
    let file = try Self.dump(["damping": "0.25", "damping_form": "lambda"])
    #expect(try file.dumpDamping() == 0.25)
    #expect(try file.dumpDampingForm() == .lambda)
    let plan = try PlanCommand.make(["--factors", "f.safetensors"])
    let damping = try plan.updateDamping(file)
    #expect(damping.lambda == 0.25)
    #expect(damping.form == "lambda")
    #expect(damping.source == "dump metadata")
  }

  @Test func absentMetadataIsNil() throws {
    let file = try Self.dump([:])
    #expect(try file.dumpDamping() == nil)
    #expect(try file.dumpDampingForm() == nil)
  }

  @Test(arguments: [
    ("damping", "-1"), ("damping", "nan"), ("damping_form", "cube"),
  ])
  func unreadableValueIsRefused(key: String, value: String) throws {
    let file = try Self.dump([key: value])
    let expected = DumpMetadataError(key: key, value: value)
    #expect(throws: expected) {
      _ = try file.dumpDamping()
      _ = try file.dumpDampingForm()
    }
    let plan = try PlanCommand.make(["--factors", "f.safetensors"])
    #expect(throws: PlanInputError.self) { try plan.updateDamping(file) }
  }

  /// `pi` is a damping form, but one that plan cannot use.
  @Test func planRefusesPi() throws {
    let file = try Self.dump(["damping_form": "pi"])
    #expect(try file.dumpDampingForm() == .pi)
    let plan = try PlanCommand.make(["--factors", "f.safetensors"])
    #expect(throws: PlanInputError.self) { try plan.updateDamping(file) }
  }
}
