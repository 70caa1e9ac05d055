import Testing

@testable import ThorTraining

@Suite("THOR trace rule (Eqs. 8-9)")
struct TraceRuleTests {
  let thor = TraceRule(updateThreshold: 0.01, freezeThreshold: 0)
  let stop = TraceRule(updateThreshold: 0.01, freezeThreshold: 0.001)
  let none = TraceRule(updateThreshold: 0, freezeThreshold: 0)

  /// Decisions for a sequence of damped traces.
  func decisions(_ traces: [Double], _ rule: TraceRule)
    -> [TraceRule.Decision]
  {
    var history = TraceHistory()
    return traces.map { history.decide(trace: $0, rule: rule) }
  }

  @Test func dampedTraceOfKroneckerProduct() {
    // tr(A ⊗ G + λI) with A = diag(1, 2), G = diag(3, 4, 5): 3·12 + 0.5·6.
    #expect(
      TraceRule.dampedTrace(
        traceA: 3, traceG: 12, dimensionA: 2, dimensionG: 3, damping: 0.5)
        == 39)
  }

  @Test func thorUpdatesSkipsButNeverFreezes() {
    // Changes: 5% (update), 0.5% (skip), then 0 exactly (skip: Δ ≥ ω₂ = 0).
    let d = decisions([100, 105, 105.525, 105], thor)
    #expect(d == [.update, .update, .skip, .skip])
  }

  @Test func skipComparesWithTheTraceBehindTheInverse() {
    // Each step drifts 0.6% from the last; against the last update the
    // drift reaches 1.2% at the third point, which updates.
    let d = decisions([100, 100.6, 101.2036], thor)
    #expect(d == [.update, .skip, .update])
  }

  @Test func stopFreezesForTheRestOfTraining() {
    // 2% update, 0.05% < ω₂ freeze; a later 50% change stays frozen.
    let d = decisions([100, 102, 102.051, 150], stop)
    #expect(d == [.update, .update, .freeze, .freeze])
  }

  @Test func boundariesBelongToSkip() {
    // Δ = ω₁ and Δ = ω₂ both keep the previous inverse (closed interval).
    #expect(stop.decide(relativeChange: 0.01) == .skip)
    #expect(stop.decide(relativeChange: 0.001) == .skip)
    #expect(stop.decide(relativeChange: 0.0009) == .freeze)
    #expect(stop.decide(relativeChange: 0.0101) == .update)
  }

  @Test func noTraceRuleAlwaysUpdates() {
    let all = decisions([1, 1, 1, 2], none)
    #expect(all == Array(repeating: .update, count: 4))
  }

  @Test func zeroPreviousTrace() {
    #expect(TraceRule.relativeChange(current: 1, previous: 0) == .infinity)
    #expect(TraceRule.relativeChange(current: 0, previous: 0) == 0)
    #expect(thor.decide(relativeChange: .infinity) == .update)
  }

  /// tr(A) = 2 → 2.2, tr(G) = 3, d_A = d_G = 10, λ = 0.1: the damped trace
  /// goes 16 → 16.6 (Δ = 0.0375), the undamped 6 → 6.6 (Δ = 0.1); with
  /// (ω₁, ω₂) = (0.05, 0.01) the first skips and the second updates.
  @Test func undampedFormReactsWhereTheDampedOneDoesNot() {
    for (form, first, second, expected) in [
      (TraceRule.Form.damped, 16.0, 16.6, TraceRule.Decision.skip),
      (.undamped, 6.0, 6.6, .update),
    ] {
      let rule = TraceRule(
        updateThreshold: 0.05, freezeThreshold: 0.01, form: form)
      let traces = [2.0, 2.2].map {
        rule.trace(
          traceA: $0, traceG: 3, dimensionA: 10, dimensionG: 10,
          damping: 0.1)
      }
      #expect(abs(traces[0] - first) < 1e-12)
      #expect(abs(traces[1] - second) < 1e-12)
      var history = TraceHistory()
      #expect(history.decide(trace: traces[0], rule: rule) == .update)
      #expect(history.decide(trace: traces[1], rule: rule) == expected)
    }
  }
}
