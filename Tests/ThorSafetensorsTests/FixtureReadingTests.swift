import Foundation
import Testing

@testable import ThorSafetensors

@Suite("Reading files written by Python's safetensors")
struct FixtureReadingTests {
  @Test func headerOfMixedFile() throws {
    let file = try SafetensorsFile(
      contentsOf: try TestSupport.fixture("mixed"))
    #expect(
      file.metadata == [
        "format": "thor-tune/factors", "model": "fixture", "step": "7",
      ])
    // The reference sorts by alignment then name; we order by offset.
    #expect(
      file.tensors.map(\.name)
        == ["fc1.G", "empty", "fc1.A", "scalar", "counts", "conv1.A"])
    let offsets = file.tensors.map(\.byteRange)
    #expect(offsets == [0..<32, 32..<32, 32..<68, 68..<72, 72..<92, 92..<140])
    #expect(file.tensor(named: "conv1.A")?.shape == [2, 3, 4])
    #expect(file.tensor(named: "conv1.A")?.dtype == .f16)
    #expect(file.tensor(named: "conv1.A")?.elementCount == 24)
    #expect(file.tensor(named: "scalar")?.shape == [])
    #expect(file.tensor(named: "scalar")?.elementCount == 1)
    #expect(file.tensor(named: "empty")?.elementCount == 0)
    #expect(file.tensor(named: "absent") == nil)
    #expect(file.source.hasSuffix("mixed.safetensors"))
  }

  @Test func valuesOfEachFloatType() throws {
    let file = try SafetensorsFile(
      contentsOf: try TestSupport.fixture("mixed"))
    #expect(try file.doubles(of: "fc1.A") == TestSupport.quarterSteps(9))
    #expect(try file.doubles(of: "fc1.G") == TestSupport.thirds(4))
    #expect(try file.doubles(of: "conv1.A") == TestSupport.quarterSteps(24))
    #expect(try file.doubles(of: "scalar") == [-3])
    #expect(try file.doubles(of: "empty") == [])
    #expect(
      try file.floats(of: "fc1.A")
        == TestSupport.quarterSteps(9).map { Float($0) })
    #expect(
      try file.floats(of: "fc1.G")
        == TestSupport.thirds(4).map { Float($0) })
    #expect(
      try file.floats(of: "conv1.A")
        == TestSupport.quarterSteps(24).map { Float($0) })
  }

  @Test func bfloat16() throws {
    let file = try SafetensorsFile(contentsOf: try TestSupport.fixture("bf16"))
    #expect(file.tensor(named: "layer.G")?.dtype == .bf16)
    #expect(file.tensor(named: "layer.G")?.shape == [4, 5])
    #expect(try file.doubles(of: "layer.G") == TestSupport.quarterSteps(20))
    #expect(
      try file.floats(of: "layer.G")
        == TestSupport.quarterSteps(20).map { Float($0) })
  }

  @Test func nonFloatTensorIsRefused() throws {
    let file = try SafetensorsFile(
      contentsOf: try TestSupport.fixture("mixed"))
    let error = #expect(throws: SafetensorsError.self) {
      try file.doubles(of: "counts")
    }
    #expect(
      error?.description.contains("tensor 'counts' has dtype I32") == true)
    #expect(
      error
        == .unsupportedDType(
          source: file.source, tensor: "counts", dtype: .i32))
  }

  @Test func missingTensorIsNamed() throws {
    let file = try SafetensorsFile(
      contentsOf: try TestSupport.fixture("mixed"))
    #expect(
      throws: SafetensorsError.tensorNotFound(
        source: file.source, tensor: "fc2.A")
    ) {
      try file.floats(of: "fc2.A")
    }
  }

  @Test func sameResultFromMemory() throws {
    let url = try TestSupport.fixture("mixed")
    let mapped = try SafetensorsFile(contentsOf: url)
    let loaded = try SafetensorsFile(
      data: try Data(contentsOf: url), source: "copy")
    #expect(loaded.tensors == mapped.tensors)
    #expect(try loaded.doubles(of: "fc1.A") == TestSupport.quarterSteps(9))
  }

  @Test func missingFileIsUnreadable() {
    let url = URL(fileURLWithPath: "no-such-dir/dump.bin")
    let error = #expect(throws: SafetensorsError.self) {
      try SafetensorsFile(contentsOf: url)
    }
    #expect(
      error?.description
        == "no-such-dir/dump.bin: cannot read file: No such file or directory")
  }

  @Test func directoryIsUnreadable() {
    let url = URL(fileURLWithPath: NSTemporaryDirectory())
    let error = #expect(throws: SafetensorsError.self) {
      try SafetensorsFile(contentsOf: url)
    }
    #expect(error?.description.contains("not a regular file") == true)
  }
}
