import ThorFormats

/// Plans and profiles for the report tests, with numbers chosen by hand.
enum PlanFixtures {
  static func profile(times: [(Int, Double)]) -> HardwareProfile {
    HardwareProfile(
      machine: .init(
        cpu: "Test CPU", cores: 2, blas: "OpenBLAS test", threads: 1,
        os: "Linux"),
      method: .cholesky, dtype: .float64, options: [:],
      created: "2024-01-01T00:00:00Z",
      results: times.map {
        .init(
          dim: $0.0, medianMicroseconds: $0.1, minMicroseconds: $0.1,
          p90Microseconds: $0.1, repeats: 5, gflops: 1)
      })
  }

  static func factor(dim: Int, split: Int, cost: Double, losses: [Double?])
    -> Plan.Factor
  {
    let index = [1, 2, 4, 8].firstIndex(of: split)!
    return Plan.Factor(
      dim: dim, split: split, loss: losses[index] ?? 0,
      costMicroseconds: cost, losses: losses)
  }

  /// Candidates 1, 2, 4, 8; five factors, one of them all-zero.
  ///
  /// Within tolerance 0.01 per candidate, counted by hand over the four
  /// factors with losses: 1 → 1 (fc.G), 2 → 2 (+conv.A), 4 → 3 (+conv.G),
  /// 8 → 4 (+fc.A at 0.005).
  static func smallPlan(
    performance: [Double] = [1, 0.6, 0.3, 0.1],
    intersection: Plan.Point? = .init(dim: 3.2, value: 0.45), split: Int = 4
  ) -> Plan {
    Plan(
      provenance: .init(
        factors: "dumps/small.safetensors", factorsSHA256: "ab12",
        profile: "profiles/test.json", options: ["threads": "1"],
        tool: "0.1.0", created: "2024-01-02T00:00:00Z"),
      candidates: [1, 2, 4, 8], tolerance: 0.01, strategy: .perLayer,
      global: .init(
        split: split, intersection: intersection,
        fractionWithinTolerance: [0.25, 0.5, 0.75, 1],
        normalizedPerformance: performance),
      layers: [
        .init(
          name: "conv",
          A: factor(dim: 8, split: 2, cost: 4, losses: [0.3, 0.009, 0.002, 0]),
          G: factor(dim: 4, split: 4, cost: 3, losses: [0.2, 0.05, 0, 0])),
        .init(
          name: "fc_out",
          A: factor(dim: 8, split: 8, cost: 9, losses: [0.9, 0.5, 0.1, 0.005]),
          G: factor(dim: 2, split: 1, cost: 2, losses: [0.001, 0, 0, 0])),
        .init(
          name: "empty",
          A: factor(
            dim: 3, split: 8, cost: 1, losses: [nil, nil, nil, nil]), G: nil),
      ],
      totals: .init(
        noSplitMicroseconds: 2000, globalMicroseconds: 500,
        perLayerMicroseconds: 400, globalWorstLoss: 0.1,
        perLayerWorstLoss: 0.009))
  }
}
