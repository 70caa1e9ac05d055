import Foundation
import Testing
import ThorSafetensors

/// `thor-tune precondition` (binary): the direction of a diagonal case by
/// hand, the dump's damping metadata, and errors naming the tensor.
@Suite("precondition (binary)") struct PreconditionCommandTests {
  /// A folder with `factors.safetensors` (A = diag(1, 3), G = diag(2),
  /// damping 0.25 in the metadata: γ = 0.5) and `gradients.safetensors`
  /// holding `tensors`.
  static func inputs(_ tensors: [(String, [Int], [Float])]) throws -> URL {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("thor-tune-precondition-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: root, withIntermediateDirectories: true)
    var factors = SafetensorsWriter(metadata: [
      "format": "thor-tune/factors", "damping": "0.25",
      "damping_form": "sqrt",
    ])
    factors.add(name: "fc.A", shape: [2, 2], values: [Float]([1, 0, 0, 3]))
    factors.add(name: "fc.G", shape: [1, 1], values: [Float]([2]))
    try factors.write(to: root.appendingPathComponent("factors.safetensors"))
    var gradients = SafetensorsWriter()
    for (name, shape, values) in tensors {
      gradients.add(name: name, shape: shape, values: values)
    }
    try gradients.write(
      to: root.appendingPathComponent("gradients.safetensors"))
    return root
  }

  static func run(_ root: URL, _ extra: [String] = []) throws
    -> CommandLineBinary.Outcome
  {
    try CommandLineBinary.run(
      [
        "precondition", "--factors", "factors.safetensors", "--gradients",
        "gradients.safetensors", "--out", "directions.safetensors",
      ] + extra,
      in: root)
  }

  @Test func diagonalDirectionByHand() throws {
    let root = try Self.inputs([("fc.gradient", [1, 2], [1, 1])])
    defer { try? FileManager.default.removeItem(at: root) }
    let outcome = try Self.run(root)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let file = try SafetensorsFile(
      contentsOf: root.appendingPathComponent("directions.safetensors"))
    #expect(file.metadata["format"] == "thor-tune/directions")
    #expect(file.metadata["damping"] == "0.25")
    // γ = √0.25 = 0.5: 1 / ((2 + γ)(1 + γ)) and 1 / ((2 + γ)(3 + γ)).
    let d = try file.floats(of: "fc.direction")
    #expect(abs(d[0] - 1 / (2.5 * 1.5)) < 1e-6)
    #expect(abs(d[1] - 1 / (2.5 * 3.5)) < 1e-6)
  }

  @Test func errorsNameTheTensor() throws {
    let cases: [([(String, [Int], [Float])], String)] = [
      ([("conv.gradient", [1, 2], [1, 1])], "no factor 'conv.A'"),
      ([("fc.gradient", [2, 1], [1, 1])], "tensor 'fc.gradient' has shape"),
      ([("fc.weight", [1, 2], [1, 1])], "'fc.weight' is not named"),
    ]
    for (tensors, message) in cases {
      let root = try Self.inputs(tensors)
      defer { try? FileManager.default.removeItem(at: root) }
      let outcome = try Self.run(root)
      #expect(outcome.status == 1)
      #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
      #expect(
        !FileManager.default.fileExists(
          atPath: root.appendingPathComponent("directions.safetensors").path))
    }
  }

  @Test func planAndSplitTogetherIsAUsageError() throws {
    let root = try Self.inputs([("fc.gradient", [1, 2], [1, 1])])
    defer { try? FileManager.default.removeItem(at: root) }
    let outcome = try Self.run(root, ["--plan", "p.json", "--split", "2"])
    #expect(outcome.status == 64)
    #expect(outcome.stderr.contains("cannot be combined with --plan"))
  }
}
