import Testing
import ThorFormats

@testable import ThorReports

@Suite("Plan report") struct PlanReportTests {
  let profile = PlanFixtures.profile(times: [(1, 1), (2, 3), (4, 9), (8, 40)])

  func report(_ plan: Plan = PlanFixtures.smallPlan()) throws -> String {
    try #require(PlanReport.render(plan: plan, profile: profile)["report.md"])
  }

  @Test func writesTheFourFiles() throws {
    let files = try PlanReport.render(
      plan: PlanFixtures.smallPlan(), profile: profile)
    #expect(
      Set(files.keys) == [
        "report.md", "fig5-normalized-curves.svg", "loss-heatmap.svg",
        "inversion-time.svg",
      ])
    for (name, content) in files where name.hasSuffix(".svg") {
      _ = SVGInspector(content)
    }
  }

  @Test func table1MatchesHandCounts() throws {
    let md = try report()
    // Counted by hand in PlanFixtures.smallPlan.
    #expect(md.contains("| matrix number (L \\< 1%) | 1 | 2 | 3 | 4 |"))
    #expect(md.contains("| performance (µs) | 1 | 3 | 9 | 40 |"))
    #expect(
      md.contains(
        "| normalized loss of matrix | 0.2500 | 0.5000 | 0.7500 | 1.0000 |"))
    #expect(
      md.contains(
        "| normalized performance | 1.0000 | 0.6000 | 0.3000 | 0.1000 |"))
    #expect(md.contains("4 factors with a defined loss"))
    #expect(md.contains("cross at (3.2, 0.4500)"))
  }

  @Test func missingProfileDimensionComesFromEq12() {
    // No profiled time for 4: p₄ = p₁ / (p₁/p₄) = 1 / 0.3.
    let partial = PlanFixtures.profile(times: [(1, 1), (2, 3), (8, 40)])
    let table = SplitTable(plan: PlanFixtures.smallPlan(), profile: partial)
    #expect(abs(table.performance[2]! - 1 / 0.3) < 1e-12)
    let noFirst = PlanFixtures.profile(times: [(2, 3)])
    let table2 = SplitTable(plan: PlanFixtures.smallPlan(), profile: noFirst)
    #expect(table2.performance == [nil, 3, nil, nil])
  }

  @Test func totalsAndSpeedUps() throws {
    let md = try report()
    // 2000 µs / 500 µs and 2000 µs / 400 µs.
    #expect(
      md.contains(
        "| global (the paper's rule) | 4 | 500.0 µs | 4.00× | 0.1000 |"))
    #expect(
      md.contains(
        "| per-layer (this plan) | per factor | 400.0 µs | 5.00× | 0.0090 |"))
    #expect(md.contains("| no split (K-FAC) | none | 2.00 ms | 1.00× |"))
  }

  @Test func perFactorTable() throws {
    let md = try report()
    #expect(md.contains("| conv | A | 8 | 2 | 0.0090 | 4.0 µs |"))
    #expect(md.contains("| conv | G | 4 | none | 0.0000 | 3.0 µs |"))
    #expect(md.contains("| fc\\_out | G | 2 | 1 | 0.0010 | 2.0 µs |"))
    #expect(md.contains("| empty | A | 3 | none | all-zero | 1.0 µs |"))
    #expect(md.contains("one factor only (the dump lacks the other): `empty`"))
  }

  @Test func collapseIsReportedOnlyWhenItHappens() throws {
    #expect(!(try report()).contains("collapses"))
    let collapsed = PlanFixtures.smallPlan(performance: [1, 0.07, 0.02, 0.01])
    let md = try report(collapsed)
    #expect(md.contains("collapses on this hardware"))
    #expect(md.contains("already 0.0700 at n = 2"))
    // An early crossing with candidates reaching past 128 also counts.
    var wide = PlanFixtures.smallPlan()
    wide.candidates = [1, 16, 256, 2048]
    wide.global.intersection = .init(dim: 24, value: 0.3)
    #expect(PlanReport.globalChoiceCollapses(wide))
    wide.global.intersection = .init(dim: 105, value: 0.21)
    #expect(!PlanReport.globalChoiceCollapses(wide))
  }

  @Test func noCrossing() throws {
    let md = try report(PlanFixtures.smallPlan(intersection: nil, split: 8))
    #expect(md.contains("The curves do not cross"))
    let files = try PlanReport.render(
      plan: PlanFixtures.smallPlan(intersection: nil), profile: profile)
    let svg = SVGInspector(files["fig5-normalized-curves.svg"]!)
    #expect(svg.all("text").allSatisfy { !$0.text.hasPrefix("crossing") })
  }

  @Test func figuresMarkTheChoices() throws {
    let files = try PlanReport.render(
      plan: PlanFixtures.smallPlan(), profile: profile)
    let curves = SVGInspector(files["fig5-normalized-curves.svg"]!)
    #expect(curves.texts("global split 4").count == 1)
    #expect(curves.texts("crossing (3.2, 0.45)").count == 1)
    let heat = SVGInspector(files["loss-heatmap.svg"]!)
    // Every factor's chosen split is a candidate: five dots (r = 22 × 0.24).
    #expect(
      heat.all("circle").filter { $0.attributes["r"] == "5.28" }
        .count == 5)
    let bars = SVGInspector(files["inversion-time.svg"]!)
    #expect(bars.texts("400.0 µs · 5.00× · worst L 0.0090").count == 1)
  }

  @Test func inconsistentPlanIsRejected() {
    var plan = PlanFixtures.smallPlan()
    plan.global.normalizedPerformance.removeLast()
    #expect(
      throws: ReportError.inconsistentPlan(
        "global.normalized_performance has 3 entries for 4 candidates")
    ) { try PlanReport.render(plan: plan, profile: profile) }
    plan = PlanFixtures.smallPlan()
    plan.layers[1].G?.losses = [0]
    #expect(throws: ReportError.self) {
      try PlanReport.render(plan: plan, profile: profile)
    }
  }
}
