import Foundation
import Testing
import ThorLinalg
import ThorSafetensors

@testable import ThorAnalysis

@Suite("Factor loading") struct FactorLoadingTests {
  /// Small BLAS calls run fastest, and steadiest on a loaded machine, on
  /// one thread (the analyser sets the same for its workers).
  init() { OpenBLAS.setThreads(1) }

  /// A file built from `(name, shape, row-major values)`.
  static func dump(_ tensors: [(String, [Int], [Double])]) throws
    -> SafetensorsFile
  {
    var writer = SafetensorsWriter(metadata: ["format": "thor-tune/factors"])
    for (name, shape, values) in tensors {
      writer.add(name: name, shape: shape, values: values)
    }
    return try SafetensorsFile(data: writer.serialized(), source: "dump.bin")
  }

  static func factor(_ d: Int, seed: UInt64) -> [Double] {
    TestFactors.covariance(d, samples: 2 * d, seed: seed).storage
  }

  static func loadAll(_ file: SafetensorsFile) throws(FactorError) {
    let catalog = try FactorCatalog(file: file)
    let loader = FactorLoader(file: file)
    for entry in catalog.entries { _ = try loader.load(entry) }
  }

  @Test func nonFiniteValueIsNamedWithItsPosition() throws {
    var values = Self.factor(6, seed: 1)
    values[2 * 6 + 4] = .nan  // row 2, column 4 (row-major)
    let file = try Self.dump([("fc.A", [6, 6], values)])
    #expect(
      throws: FactorError.nonFinite(
        source: "dump.bin", tensor: "fc.A", row: 2, column: 4)
    ) {
      try Self.loadAll(file)
    }
    values[2 * 6 + 4] = -.infinity
    let infinite = try Self.dump([("fc.G", [6, 6], values)])
    #expect(
      throws: FactorError.nonFinite(
        source: "dump.bin", tensor: "fc.G", row: 2, column: 4)
    ) {
      try Self.loadAll(infinite)
    }
  }

  @Test func asymmetricFactorIsRejected() throws {
    var values = Self.factor(5, seed: 2)
    values[1] += 0.5  // (0, 1) only
    let file = try Self.dump([("conv.A", [5, 5], values)])
    #expect {
      try Self.loadAll(file)
    } throws: { error in
      guard
        case .asymmetric(_, "conv.A", let relative, 1e-4) =
          error as? FactorError
      else { return false }
      return relative > 1e-2
    }
    let error = FactorError.asymmetric(
      source: "d", tensor: "t", relative: 0.1, tolerance: 1e-4)
    #expect("\(error)".contains("'t' is not symmetric"))
  }

  @Test func tinyAsymmetryIsSymmetrized() throws {
    var values = Self.factor(5, seed: 3)
    let largest = values.map(abs).max()!
    values[1] += largest * 1e-7  // (0, 1)
    let file = try Self.dump([("conv.A", [5, 5], values)])
    let catalog = try FactorCatalog(file: file)
    let a = try FactorLoader(file: file).load(catalog.entries[0])
    #expect(a[0, 1] == a[1, 0])
    #expect(abs(a[0, 1] - (values[1] + values[5]) / 2) <= 1e-15 * largest)
  }

  @Test func shapesAreChecked() throws {
    let square = try Self.dump([("x.A", [2, 3], [1, 2, 3, 4, 5, 6])])
    #expect(
      throws: FactorError.notSquare(
        source: "dump.bin", tensor: "x.A", rows: 2, columns: 3)
    ) {
      try FactorCatalog(file: square)
    }
    let cube = try Self.dump(
      [("x.G", [2, 2, 2], Array(repeating: 1, count: 8))])
    #expect(
      throws: FactorError.notTwoDimensional(
        source: "dump.bin", tensor: "x.G", shape: [2, 2, 2])
    ) {
      try FactorCatalog(file: cube)
    }
    let none = try Self.dump([("weights", [2, 2], [1, 0, 0, 1])])
    #expect(throws: FactorError.noFactors(source: "dump.bin", tensorCount: 1)) {
      try FactorCatalog(file: none)
    }
  }

  @Test func negativeDiagonalIsNotPositiveSemidefinite() throws {
    let file = try Self.dump([("x.A", [2, 2], [1, 0, 0, -2])])
    #expect(
      throws: FactorError.negativeDiagonal(
        source: "dump.bin", tensor: "x.A", index: 1, value: -2)
    ) {
      try Self.loadAll(file)
    }
  }

  @Test func pairsByLayerAndWarnsAboutTheRest() throws {
    let file = try Self.dump([
      ("layer1.conv.A", [4, 4], Self.factor(4, seed: 4)),
      ("layer1.conv.G", [3, 3], Self.factor(3, seed: 5)),
      ("fc.A", [3, 3], Self.factor(3, seed: 6)),
      ("step", [1], [7]),
    ])
    let catalog = try FactorCatalog(file: file)
    #expect(
      catalog.entries.map(\.tensorName)
        == ["layer1.conv.A", "layer1.conv.G", "fc.A"])
    #expect(
      catalog.entries.map(\.layer) == ["layer1.conv", "layer1.conv", "fc"])
    #expect(catalog.warnings.count == 2)
    #expect(catalog.warnings.contains { $0.contains("'step'") })
    #expect(
      catalog.warnings.contains {
        $0.contains("'fc' has no G factor")
      })
  }

  @Test func analyserMatchesDenseReferenceAcrossADump() throws {
    let dims = [("big.A", 180), ("big.G", 60), ("mid.A", 90), ("zero.G", 40)]
    let candidates = [1, 8, 16, 32, 64, 128, 256]
    var tensors: [(String, [Int], [Double])] = []
    for (k, (name, d)) in dims.enumerated() {
      let values =
        name.hasPrefix("zero")
        ? [Double](repeating: 0, count: d * d)
        : Self.factor(d, seed: UInt64(10 + k))
      tensors.append((name, [d, d], values))
    }
    let file = try Self.dump(tensors)
    let analyser = Analyser(
      candidates: candidates, threads: 3, memoryBudget: 1,
      eigenLoss: EigenLoss(denseLimit: 24))
    let results = try analyser.analyse(
      FactorCatalog(file: file), loader: FactorLoader(file: file))
    #expect(results.map(\.tensorName) == dims.map(\.0))
    for (result, (_, d, values)) in zip(results, tensors) {
      #expect(result.losses.dimension == d[0])
      if result.layer == "zero" {
        #expect(result.losses.losses == nil)
        continue
      }
      let a = Matrix(rows: d[0], columns: d[0], columnMajor: values)
      let expected = try TestFactors.denseLosses(a, candidates: candidates)
      let losses = try #require(result.losses.losses)
      for (got, want) in zip(losses, expected) {
        #expect(abs(got - want) <= 1e-6)
      }
    }
  }
}
