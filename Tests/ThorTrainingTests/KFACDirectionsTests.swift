import Testing
import ThorLinalg

@testable import ThorTraining

/// ``KFACOptimizer/directions(configuration:layers:)`` against hand
/// computations: `A` = [[2, 1, 0], [1, 2, 0], [0, 0, 3]], `G` = diag(1, 4),
/// so split 1 drops `A`'s coupling, split 2 keeps it in a 2-block and a
/// remainder 1-block, and the damping form sets `γ`.
@Suite("K-FAC directions for given factors") struct KFACDirectionsTests {
  static let a = Matrix<Float>(
    rows: 3, columns: 3, rowMajor: [2, 1, 0, 1, 2, 0, 0, 0, 3])
  static let g = Matrix<Float>(rows: 2, columns: 2, rowMajor: [1, 0, 0, 4])
  static let x = Matrix<Float>(
    rows: 2, columns: 3, rowMajor: [1, -2, 3, 0.5, 1, -1])

  static func direction(split: Int, form: DampingForm) throws
    -> Matrix<Float>
  {
    var c = SecondOrderVariant.kfac.configuration
    c.damping = DampingSchedule(initial: 0.04)
    c.dampingForm = form
    c.splits = ["fc": FactorSplits(a: split, g: split)]
    let layer = KFACOptimizer.LayerGradient(
      factors: KroneckerFactors(layerName: "fc", a: a, g: g), gradient: x)
    return try KFACOptimizer.directions(configuration: c, layers: [layer])
      .directions[0]
  }

  /// `(G + γI)⁻¹ X (Â + γI)⁻¹` by hand: `G` is diagonal, and `Â`'s
  /// 2-block `[[2+γ, c], [c, 2+γ]]` has inverse `[[2+γ, −c], [−c, 2+γ]]/det`.
  static func expected(coupling c: Double, gamma: Double) -> [[Double]] {
    let p = 2 + gamma
    let det = p * p - c * c
    let inverseA = [
      [p / det, -c / det, 0], [-c / det, p / det, 0],
      [0, 0, 1 / (3 + gamma)],
    ]
    let gDiagonal = [1.0, 4.0]
    return (0..<2).map { i in
      (0..<3).map { j in
        (0..<3).reduce(0.0) { sum, k in
          sum + Double(x[i, k]) * inverseA[k][j]
        } / (gDiagonal[i] + gamma)
      }
    }
  }

  @Test(arguments: [
    (2, DampingForm.squareRoot, 1.0, 0.2), (1, .squareRoot, 0.0, 0.2),
    (3, .lambda, 1.0, 0.04), (1, .lambda, 0.0, 0.04),
  ])
  func matchesHandComputation(
    split: Int, form: DampingForm, coupling: Double, gamma: Double
  ) throws {
    let d = try Self.direction(split: split, form: form)
    let e = Self.expected(coupling: coupling, gamma: gamma)
    for i in 0..<2 {
      for j in 0..<3 {
        #expect(abs(Double(d[i, j]) - e[i][j]) < 1e-5 * abs(e[i][j]) + 1e-6)
      }
    }
  }

  @Test func nonFiniteFactorThrows() {
    var a = Self.a
    a[0, 0] = .nan
    let layer = KFACOptimizer.LayerGradient(
      factors: KroneckerFactors(layerName: "fc", a: a, g: Self.g),
      gradient: Self.x)
    #expect(throws: SecondOrderError.nonFiniteFactor(name: "fc.A")) {
      _ = try KFACOptimizer.directions(
        configuration: SecondOrderVariant.kfac.configuration,
        layers: [layer])
    }
  }
}
