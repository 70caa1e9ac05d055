import ThorAnalysis
import ThorFormats

extension Solver {
  /// The paper's global choice (Fig. 5; README definitions): the fraction of
  /// factors within tolerance and the normalized performance `p₁/pₙ` per
  /// candidate, their crossing by linear interpolation between neighbouring
  /// candidates, and the candidate nearest the crossing (ties: the larger).
  ///
  /// When the curves do not cross (`intersection` is `nil`), the split is
  /// the candidate where they come closest, the same trade-off evaluated
  /// where it is best balanced.
  package func globalChoice(_ factors: [FactorAnalysis]) -> Plan.Global {
    let fractions = candidates.indices.map { index in
      guard !factors.isEmpty else { return 1.0 }
      let within = factors.count {
        isWithinTolerance($0.losses.losses?[index])
      }
      return Double(within) / Double(factors.count)
    }
    let first = costModel.time(forDimension: candidates[0])
    let performance = candidates.map {
      first / costModel.time(forDimension: $0)
    }
    let crossing = Self.crossing(
      x: candidates.map(Double.init), rising: fractions,
      falling: performance)
    let split: Int
    if let crossing {
      split = candidates.min {
        let a = abs(Double($0) - crossing.dim)
        let b = abs(Double($1) - crossing.dim)
        return a < b || (a == b && $0 > $1)
      }!
    } else {
      split =
        zip(candidates, zip(fractions, performance)).min {
          abs($0.1.0 - $0.1.1) < abs($1.1.0 - $1.1.1)
        }!.0
    }
    return Plan.Global(
      split: split, intersection: crossing,
      fractionWithinTolerance: fractions, normalizedPerformance: performance)
  }

  /// The first point where `rising − falling` reaches zero, by linear
  /// interpolation between neighbouring samples; `nil` if it never does.
  static func crossing(
    x: [Double], rising: [Double], falling: [Double]
  ) -> Plan.Point? {
    let gap = zip(rising, falling).map { $0 - $1 }
    for i in gap.indices {
      if gap[i] == 0 { return Plan.Point(dim: x[i], value: rising[i]) }
      guard i + 1 < gap.count, (gap[i] < 0) != (gap[i + 1] < 0),
        gap[i + 1] != 0
      else { continue }
      let t = gap[i] / (gap[i] - gap[i + 1])
      return Plan.Point(
        dim: x[i] + t * (x[i + 1] - x[i]),
        value: rising[i] + t * (rising[i + 1] - rising[i]))
    }
    return nil
  }
}
