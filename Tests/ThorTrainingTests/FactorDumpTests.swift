import Foundation
import Testing
import ThorSafetensors

@testable import ThorTraining

@Suite("Factor dumps")
struct FactorDumpTests {
  static func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("kfac-dump-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(
      at: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test func dumpReadsBackWithMetadata() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let layer = Dense(name: "fc1", inputSize: 3, outputSize: 2)
    let x = randomValues(12, seed: 51)
    _ = FactorStatisticsTests.pass(layer, input: x, count: 4, seed: 52)
    var factors = KroneckerFactors(for: layer)
    factors.accumulate(from: layer, decay: 0.9)
    let path = dir.appendingPathComponent("f.safetensors").path
    let dumper = FactorDumper(
      path: path, atStep: 7, metadata: ["model": "mlp", "dataset": "fmnist"])
    #expect(dumper.isDue(step: 7) && !dumper.isDue(step: 8))
    try dumper.write(factors: [factors], step: 7)
    let file = try SafetensorsFile(contentsOf: URL(fileURLWithPath: path))
    #expect(file.metadata["format"] == "thor-tune/factors")
    #expect(file.metadata["model"] == "mlp")
    #expect(file.metadata["dataset"] == "fmnist")
    #expect(file.metadata["step"] == "7")
    let a = try file.floats(of: "fc1.A")
    let g = try file.floats(of: "fc1.G")
    #expect(file.tensor(named: "fc1.A")?.shape == [4, 4])
    #expect(a == factors.symmetricA.storage)
    #expect(g == factors.symmetricG.storage)
    // Symmetric: row-major and column-major agree.
    #expect(a[1] == a[4] && a[3] == a[12])
  }

  @Test func seriesNamesCarryTheStep() {
    let d = FactorDumper(path: "out/f.safetensors", every: 50, metadata: [:])
    #expect(d.destination(step: 100) == "out/f-step000100.safetensors")
    #expect(d.isDue(step: 0) && d.isDue(step: 150) && !d.isDue(step: 151))
    let t = FactorDumper(path: "out/{step}.bin", every: 5, metadata: [:])
    #expect(t.destination(step: 5) == "out/000005.bin")
    let once = FactorDumper(path: "f.bin", atStep: 3, metadata: [:])
    #expect(once.destination(step: 3) == "f.bin")
  }

  @Test func failedWriteNamesThePathAndLeavesNothing() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let layer = Dense(name: "fc1", inputSize: 2, outputSize: 2)
    _ = FactorStatisticsTests.pass(
      layer, input: randomValues(4, seed: 1), count: 2, seed: 2)
    var factors = KroneckerFactors(for: layer)
    factors.accumulate(from: layer, decay: 0.9)
    let path = dir.appendingPathComponent("no/such/dir/f.safetensors").path
    let dumper = FactorDumper(path: path, atStep: 0, metadata: [:])
    do {
      try dumper.write(factors: [factors], step: 0)
      Issue.record("wrote into a missing directory")
    } catch {
      #expect("\(error)".hasPrefix(path))
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}
