import Foundation
import Testing
import ThorSafetensors

@testable import ThorReports

@Suite("Trace change rate (Fig. 2)") struct TraceChangeTests {
  typealias Layer = FactorTraces.Layer

  func dump(_ step: Int, _ layers: [String: Layer]) -> FactorTraces {
    FactorTraces(step: step, source: "dump\(step)", layers: layers)
  }

  @Test func deltaByHand() throws {
    // λ = 0.5, d_A = 2, d_G = 3: tr(F + λI) = tr(A)·tr(G) + 3.
    // Steps 0, 20, 40: 2·3 + 3 = 9, 4·3 + 3 = 15, 4·3.5 + 3 = 17.
    let dumps = [
      dump(40, ["l": Layer(traceA: 4, dimA: 2, traceG: 3.5, dimG: 3)]),
      dump(0, ["l": Layer(traceA: 2, dimA: 2, traceG: 3, dimG: 3)]),
      dump(20, ["l": Layer(traceA: 4, dimA: 2, traceG: 3, dimG: 3)]),
    ]
    let change = try TraceChange(dumps: dumps, damping: 0.5)
    #expect(change.steps == [0, 20, 40])
    let points = try #require(change.layers.first).points
    #expect(points.map(\.step) == [20, 40])
    #expect(abs(points[0].delta - 6.0 / 9) < 1e-15)
    #expect(abs(points[1].delta - 2.0 / 15) < 1e-15)
  }

  @Test func incompleteLayersAreNoted() throws {
    let dumps = [
      dump(
        0,
        [
          "a": Layer(traceA: 1, dimA: 1, traceG: 1, dimG: 1),
          "half": Layer(traceA: 1, dimA: 1),
          "zero": Layer(traceA: 0, dimA: 1, traceG: 0, dimG: 1),
        ]),
      dump(
        1,
        [
          "a": Layer(traceA: 2, dimA: 1, traceG: 1, dimG: 1),
          "half": Layer(traceA: 2, dimA: 1),
          "zero": Layer(traceA: 1, dimA: 1, traceG: 1, dimG: 1),
        ]),
    ]
    let change = try TraceChange(dumps: dumps, damping: 0)
    #expect(change.layers.map(\.name) == ["a"])
    #expect(change.layers[0].points[0].delta == 1)
    #expect(change.notes.count == 2)
    #expect(change.notes.contains { $0.hasPrefix("layer half has only") })
    #expect(
      change.notes.contains { $0.hasPrefix("layer zero: tr(F + λI) is 0") })
  }

  @Test func oneDumpIsTooFew() {
    #expect(throws: ReportError.tooFewDumps(count: 1)) {
      try TraceChange(dumps: [dump(0, [:])], damping: 0)
    }
  }

  @Test func stepFromFileName() {
    #expect(FactorTraces.stepInFileName("cnn-step000120.safetensors") == 120)
    #expect(FactorTraces.stepInFileName("run2-step40.safetensors") == 40)
    #expect(FactorTraces.stepInFileName("factors_7.safetensors") == 7)
    #expect(FactorTraces.stepInFileName("factors.safetensors") == nil)
  }

  /// Writes a dump with diagonal factors of the given entries.
  func write(
    _ name: String, in folder: URL, metadata: [String: String],
    factors: [String: [Double]]
  ) throws -> URL {
    var writer = SafetensorsWriter(metadata: metadata)
    for (tensor, diagonal) in factors.sorted(by: { $0.key < $1.key }) {
      let n = diagonal.count
      var values = [Double](repeating: 0.25, count: n * n)  // off-diagonal
      for i in 0..<n { values[i * n + i] = diagonal[i] }
      writer.add(name: tensor, shape: [n, n], values: values)
    }
    let url = folder.appendingPathComponent(name)
    try writer.write(to: url)
    return url
  }

  func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "thor-reports-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(
      at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func readsDumpsFromAFolder() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Step from metadata (file name says 999), then from the file name.
    _ = try write(
      "x-step999.safetensors", in: folder, metadata: ["step": "0"],
      factors: ["fc.A": [1, 2], "fc.G": [3]])
    _ = try write(
      "x-step000010.safetensors", in: folder, metadata: [:],
      factors: ["fc.A": [2, 2], "fc.G": [3]])
    let traces = try FactorTraces.load(paths: [folder.path])
    #expect(traces.map(\.step) == [0, 10])
    #expect(
      traces[0].layers["fc"]
        == Layer(
          traceA: 3, dimA: 2, traceG: 3,
          dimG: 1))
    let change = try TraceChange(dumps: traces, damping: 0)
    // (4·3 − 3·3) / (3·3)
    #expect(abs(change.layers[0].points[0].delta - 1.0 / 3) < 1e-12)
  }

  @Test func dumpErrors() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let a = try write(
      "a.safetensors", in: folder, metadata: ["step": "5"],
      factors: ["fc.A": [1]])
    let b = try write(
      "b.safetensors", in: folder, metadata: ["step": "5"],
      factors: ["fc.A": [1]])
    #expect(
      throws: ReportError.duplicateStep(
        step: 5, files: [a.relativePath, b.relativePath])
    ) {
      try FactorTraces.load(paths: [a.path, b.path])
    }
    let noStep = try write(
      "plain.safetensors", in: folder, metadata: [:], factors: ["fc.A": [1]])
    #expect(throws: ReportError.self) { try FactorTraces.read(noStep) }
    let badStep = try write(
      "bad.safetensors", in: folder, metadata: ["step": "-3"],
      factors: ["fc.A": [1]])
    do {
      _ = try FactorTraces.read(badStep)
      Issue.record("a negative step was accepted")
    } catch {
      #expect(error.description.contains("metadata 'step' is '-3'"))
    }
    var writer = SafetensorsWriter(metadata: ["step": "1"])
    writer.add(
      name: "fc.G", shape: [2, 3],
      values: [Double](
        repeating: 1,
        count: 6))
    let rect = folder.appendingPathComponent("rect.safetensors")
    try writer.write(to: rect)
    do {
      _ = try FactorTraces.read(rect)
      Issue.record("a non-square factor was accepted")
    } catch {
      #expect(error.description.contains("tensor fc.G: expected a square 2-D"))
    }
    #expect(throws: ReportError.self) {
      try FactorTraces.load(paths: [folder.appendingPathComponent("no").path])
    }
  }

  @Test func figureTwo() throws {
    let dumps = (0..<4).map { k in
      dump(
        k * 20,
        [
          "conv": Layer(traceA: Double(10 + k), dimA: 2, traceG: 1, dimG: 2),
          "fc": Layer(traceA: 5, dimA: 2, traceG: Double(1 + k), dimG: 2),
        ])
    }
    let change = try TraceChange(dumps: dumps, damping: 0.1)
    let files = TrainingReport.render(runs: [], traceChange: change)
    #expect(Set(files.keys) == ["report.md", "fig2-trace-change.svg"])
    let svg = SVGInspector(files["fig2-trace-change.svg"]!)
    #expect(svg.all("polyline").count == 2)
    #expect(svg.texts("ω₁ = 0.01").count == 1)
    #expect(files["report.md"]!.contains("| conv | 2 | 2 |"))
  }
}
