import Foundation
import Testing

@testable import ThorSafetensors

@Suite("Writing safetensors files")
struct SafetensorsWriterTests {
  /// The expected file spelled out: length, header text, padding, data.
  private func expectedFile(
    header: String, padding: Int, data: [UInt8] = []
  ) -> Data {
    let padded =
      Array(header.utf8) + Array(repeating: UInt8(0x20), count: padding)
    return TestSupport.file(header: padded) + Data(data)
  }

  /// Little-endian bytes of F32 values, from their bit patterns.
  private func bytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { value in
      (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) }
    }
  }

  // The next three layouts are those of the reference writer's own tests
  // (huggingface/safetensors, tensor.rs: test_serialization, test_empty).
  @Test func headerLayoutWithoutPadding() {
    var writer = SafetensorsWriter()
    writer.add(
      name: "attn.0", shape: [1, 2, 3], values: [0, 1, 2, 3, 4, 5] as [Float])
    let header =
      #"{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}"#
    #expect(header.utf8.count == 64)
    #expect(
      writer.serialized()
        == expectedFile(
          header: header, padding: 0, data: bytes([0, 1, 2, 3, 4, 5])))
  }

  @Test func headerPaddedToEightBytes() {
    var writer = SafetensorsWriter()
    writer.add(
      name: "attn0", shape: [1, 1, 2, 3], values: [0, 1, 2, 3, 4, 5] as [Float])
    let header =
      #"{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}"#
    #expect(
      writer.serialized()
        == expectedFile(
          header: header, padding: 7, data: bytes([0, 1, 2, 3, 4, 5])))
  }

  @Test func emptyFiles() {
    #expect(
      SafetensorsWriter().serialized() == expectedFile(header: "{}", padding: 6)
    )
    let withMetadata = SafetensorsWriter(metadata: ["framework": "pt"])
    #expect(
      withMetadata.serialized()
        == expectedFile(
          header: #"{"__metadata__":{"framework":"pt"}}"#, padding: 5))
  }

  @Test func matchesFileWrittenByPython() throws {
    var writer = SafetensorsWriter()
    writer.add(
      name: "layer1.A", shape: [2, 3],
      values: TestSupport.quarterSteps(6).map { Float($0) })
    writer.add(name: "layer1.G", shape: [3], values: TestSupport.thirds(3))
    let ours = try SafetensorsFile(data: writer.serialized(), source: "ours")
    let python = try SafetensorsFile(
      contentsOf: try TestSupport.fixture("writer-reference"))
    #expect(ours.tensors.map(\.name) == ["layer1.A", "layer1.G"])
    #expect(ours.metadata.isEmpty)
    for name in ["layer1.A", "layer1.G"] {
      let mine = try #require(ours.tensor(named: name))
      let theirs = try #require(python.tensor(named: name))
      #expect(mine.dtype == theirs.dtype)
      #expect(mine.shape == theirs.shape)
      #expect(ours.rawBytes(of: mine) == python.rawBytes(of: theirs))
    }
    #expect(ours.tensor(named: "layer1.G")?.dtype == .f64)
  }

  @Test func roundTripKeepsNamesMetadataAndValues() throws {
    let names = [
      "plain", "quote\"back\\slash", "line\nbreak\t", "é∑", "\u{1}",
    ]
    var writer = SafetensorsWriter(
      metadata: ["step": "12", "note": "a \"quoted\"\nvalue"])
    for (i, name) in names.enumerated() {
      writer.add(
        name: name, shape: [i + 1, 2],
        values: (0..<(2 * i + 2)).map { Double($0) * 1e-300 + Double(i) })
    }
    writer.add(name: "scalar", shape: [], values: [Float(2.5)])
    writer.add(name: "empty", shape: [0], values: [Float]())
    let bytes = writer.serialized()
    let headerLength = bytes.prefix(8).enumerated().reduce(0) {
      $0 | Int($1.element) << (8 * $1.offset)
    }
    #expect(headerLength % 8 == 0)
    let file = try SafetensorsFile(data: bytes, source: "round-trip")
    #expect(file.metadata == ["step": "12", "note": "a \"quoted\"\nvalue"])
    #expect(file.tensors.map(\.name) == names + ["scalar", "empty"])
    for (i, name) in names.enumerated() {
      #expect(file.tensor(named: name)?.shape == [i + 1, 2])
      #expect(
        try file.doubles(of: name)
          == (0..<(2 * i + 2)).map { Double($0) * 1e-300 + Double(i) })
    }
    #expect(try file.floats(of: "scalar") == [2.5])
    #expect(try file.floats(of: "empty") == [])
  }

  @Test func writesAtomically() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("thor-safetensors-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var writer = SafetensorsWriter()
    writer.add(name: "x", shape: [2], values: [Float(1), 2])
    let url = folder.appendingPathComponent("dump.bin")
    try writer.write(to: url)
    #expect(try SafetensorsFile(contentsOf: url).floats(of: "x") == [1, 2])
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path) == [
        "dump.bin"
      ])

    let missing = folder.appendingPathComponent("absent/dump.bin")
    let error = #expect(throws: SafetensorsError.self) {
      try writer.write(to: missing)
    }
    #expect(error?.description.contains("cannot write file") == true)
    #expect(!FileManager.default.fileExists(atPath: missing.path))
  }
}
