import Foundation
import Testing
import ThorLinalg
import ThorSafetensors

@testable import ThorAnalysis

/// The analysis read from the stored (memory-mapped, F32 or F64) factor
/// against references that never touch that code: LAPACK's full
/// eigendecomposition of a dense `Float64` copy, and plain products.
@Suite("Factors analysed where they are stored") struct StoredFactorTests {
  init() { OpenBLAS.setThreads(1) }

  static let candidates = [1, 7, 16, 32, 64, 100, 128, 256]

  /// `a`'s elements rounded to `Float` and widened back: the matrix an
  /// F32 dump of `a` holds.
  static func roundedToFloat(_ a: Matrix<Double>) -> Matrix<Double> {
    Matrix(rows: a.rows, columns: a.columns) { Double(Float(a[$0, $1])) }
  }

  /// A dump file on disk (so that it is memory-mapped) in a fresh folder.
  static func mappedDump(
    _ tensors: [(String, Matrix<Double>)], float32: Bool
  ) throws -> (SafetensorsFile, URL) {
    var writer = SafetensorsWriter()
    for (name, a) in tensors {
      let shape = [a.rows, a.columns]
      if float32 {
        writer.add(name: name, shape: shape, values: a.storage.map(Float.init))
      } else {
        writer.add(name: name, shape: shape, values: a.storage)
      }
    }
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("thor-stored-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent("dump.safetensors")
    try writer.serialized().write(to: url)
    return (try SafetensorsFile(contentsOf: url), folder)
  }

  /// The symmetric part `(A + Aᵀ)/2` times `x`, by plain loops.
  static func symmetricProduct(_ a: Matrix<Double>, _ x: [Double])
    -> [Double]
  {
    (0..<a.rows).map { i in
      (0..<a.columns).reduce(0) { $0 + (a[i, $1] + a[$1, i]) / 2 * x[$1] }
    }
  }

  /// Panels narrower than the block (a 3-column panel), with and without
  /// exact symmetry, give the symmetric part's product.
  @Test(arguments: [true, false])
  func panelProductIsTheSymmetricPart(symmetric: Bool) throws {
    let d = 23
    var a = TestFactors.covariance(d, samples: 40, seed: 8)
    if !symmetric { a[2, 9] += 0.01 }
    var rng = SplitMix64(seed: 3)
    let x = (0..<17).map { _ in rng.uniform() }
    let range = 4..<21
    let block = a.block(range)
    let expected = Self.symmetricProduct(block, x)
    let panel = Scratch(count: 3 * range.count + 1)
    var y = [Double](repeating: .nan, count: range.count)
    FactorView.with(a) { view in
      #expect(view.isSymmetric == symmetric)
      y.withUnsafeMutableBufferPointer { y in
        view.multiply(
          block: range, x: x, y: y.baseAddress!, panel: panel)
      }
    }
    for (got, want) in zip(y, expected) { #expect(abs(got - want) <= 1e-14) }
  }

  /// Lanczos on the stored F32 factor converges with a residual bound
  /// within the tolerance, and the eigenvalue matches LAPACK's on the
  /// same (rounded) values within that bound: as accurate as on a
  /// `Float64` copy.
  @Test(arguments: [(300, UInt64(1)), (233, 2)])
  func lanczosOnStoredDataMeetsItsBound(d: Int, seed: UInt64) throws {
    let a = Self.roundedToFloat(
      TestFactors.covariance(d, samples: 2 * d, seed: seed))
    let exact = try a.symmetricEigenvalues().last!
    let (file, folder) = try Self.mappedDump([("x.A", a)], float32: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let entry = try FactorCatalog(file: file).entries[0]
    let estimate = try FactorLoader(file: file).withView(
      of: entry, streams: true
    ) { view throws(FactorError) in
      Lanczos().largestEigenvalue(n: d) { x, y in
        view.multiply(
          block: 0..<d, x: x, y: y, panel: Scratch(count: 5 * d))
      }
    }
    #expect(estimate.converged)
    #expect(estimate.errorBound <= 1e-10 * exact)
    #expect(abs(estimate.value - exact) <= estimate.errorBound + 1e-13 * exact)
  }

  /// The analyser on an F32 and an F64 dump, every factor streamed or
  /// none, against Eq. 11 from full eigendecompositions: within 1e-6,
  /// and streaming changes nothing.
  @Test(arguments: [true, false])
  func analyserOnStoredDumpMatchesDenseReference(float32: Bool) throws {
    var tilted = TestFactors.covariance(90, samples: 120, seed: 31)
    let largest = tilted.storage.map(abs).max()!
    tilted[3, 70] += 1e-6 * largest  // tiny asymmetry: averaged
    let factors = [
      ("big.A", TestFactors.covariance(300, samples: 400, seed: 30)),
      ("mid.G", tilted),
      ("near.A", TestFactors.blockDiagonal(260, block: 64, seed: 9)),
    ]
    let (file, folder) = try Self.mappedDump(factors, float32: float32)
    defer { try? FileManager.default.removeItem(at: folder) }
    let catalog = try FactorCatalog(file: file)
    let loader = FactorLoader(file: file)
    let eigenLoss = EigenLoss(denseLimit: 8)
    let streamed = try Analyser(
      candidates: Self.candidates, threads: 2, memoryBudget: 1,
      eigenLoss: eigenLoss
    ).analyse(catalog, loader: loader)
    let held = try Analyser(
      candidates: Self.candidates, threads: 2, memoryBudget: 1 << 30,
      eigenLoss: eigenLoss
    ).analyse(catalog, loader: loader)
    #expect(streamed == held)
    for (result, (_, a)) in zip(held, factors) {
      let stored = float32 ? Self.roundedToFloat(a) : a
      let symmetric = Matrix(rows: a.rows, columns: a.columns) {
        (stored[$0, $1] + stored[$1, $0]) / 2
      }
      let expected = try TestFactors.denseLosses(
        symmetric, candidates: Self.candidates)
      let losses = try #require(result.losses.losses)
      for (got, want) in zip(losses, expected) {
        #expect(abs(got - want) <= 1e-6, "\(result.tensorName)")
      }
    }
  }

  /// A factor whose buffers and dense inverse alone exceed the budget is
  /// refused, naming the file, the tensor and what does not fit.
  @Test func updateChangeOverTheBudgetIsRefused() throws {
    let (file, folder) = try Self.mappedDump(
      [("fc.A", TestFactors.covariance(64, samples: 80, seed: 2))],
      float32: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let analyser = Analyser(
      candidates: [8], memoryBudget: 4096,
      updateChange: UpdateChange(damping: 0.1))
    #expect {
      try analyser.analyse(
        FactorCatalog(file: file), loader: FactorLoader(file: file))
    } throws: { error in
      guard
        case .overBudget(
          let source, "fc.A", let lossBytes, let changeBytes, 4096) =
          error as? FactorError
      else { return false }
      // The 64 x 64 inverse and the blocks of split 8, in Float64.
      return source.hasSuffix("dump.safetensors")
        && changeBytes == 8 * (64 * 64 + 64 * 8) && lossBytes > 0
    }
    let error = FactorError.overBudget(
      source: "d.safetensors", tensor: "fc.A", lossBytes: 1 << 20,
      changeBytes: 3 << 30, budget: 1 << 30)
    let expected: String =
      "d.safetensors: factor 'fc.A' needs 3.00 GiB of work buffers "
      + "(1.00 MiB for the Eq. 11 losses, 3.00 GiB for the update "
      + "change's dense inverse and blocks), above the memory budget of "
      + "1.00 GiB; raise --memory or plan it with --strategy eq11 (no "
      + "update change)"
    #expect("\(error)" == expected)
  }
}
