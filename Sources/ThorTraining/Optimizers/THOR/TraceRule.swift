/// THOR's trace-based update rule (Eqs. 8–9), one decision per layer at
/// each inverse-update point.
///
/// With `F = A ⊗ G`, `tr(F + λI) = tr(A)·tr(G) + λ·d_A·d_G` (README
/// definitions), so the relative change `Δ = |t_k − t_{k−1}| / |t_{k−1}|` costs
/// two traces. `Δ > ω₁` updates the inverse, `ω₂ ≤ Δ ≤ ω₁` keeps the previous
/// one and `Δ < ω₂` freezes it for the rest of training. As Eq. 9 sets
/// `F_k = F_{k−1}` on a skip, `t_{k−1}` is the trace of the factors the
/// inverse in use was computed from, so slow drift still triggers updates.
/// `(ω₁, ω₂) = (0, 0)` (THOR_NT) is no rule at all: every point updates,
/// even when `Δ = 0` exactly.
package struct TraceRule: Sendable, Equatable {
  /// What the rule decided for one layer at one inverse-update point.
  package enum Decision: String, Sendable, Equatable {
    /// Recompute the inverse from the current factors.
    case update
    /// Keep the previous inverse this time.
    case skip
    /// Keep the previous inverse for the rest of training.
    case freeze
  }

  /// Which trace Δ compares.
  package enum Form: String, Sendable, CaseIterable {
    /// `tr(F + λI)`, as Eq. 8 writes it. For wide layers `λ·d_A·d_G`
    /// dominates it, so Δ barely reacts.
    case damped
    /// `tr(F) = tr(A)·tr(G)`, the factors' own change.
    case undamped
  }

  /// The update threshold `ω₁`.
  package var updateThreshold: Double
  /// The freeze threshold `ω₂` (`≤ ω₁`).
  package var freezeThreshold: Double
  /// The trace Δ compares.
  package var form: Form

  /// Creates the rule with thresholds `(ω₁, ω₂)`, `0 ≤ ω₂ ≤ ω₁`.
  package init(
    updateThreshold: Double, freezeThreshold: Double, form: Form = .damped
  ) {
    precondition(
      freezeThreshold >= 0 && freezeThreshold <= updateThreshold,
      "trace thresholds need 0 <= omega2 <= omega1")
    self.updateThreshold = updateThreshold
    self.freezeThreshold = freezeThreshold
    self.form = form
  }

  /// The trace this rule's Δ compares: ``dampedTrace`` or `tr(A)·tr(G)`.
  package func trace(
    traceA: Double, traceG: Double, dimensionA: Int, dimensionG: Int,
    damping: Double
  ) -> Double {
    switch form {
    case .damped:
      Self.dampedTrace(
        traceA: traceA, traceG: traceG, dimensionA: dimensionA,
        dimensionG: dimensionG, damping: damping)
    case .undamped:
      traceA * traceG
    }
  }

  /// Whether the rule is off (`ω₁ = ω₂ = 0`, THOR_NT): always update.
  package var isDisabled: Bool {
    updateThreshold == 0 && freezeThreshold == 0
  }

  /// `tr(A ⊗ G + λI) = tr(A)·tr(G) + λ·d_A·d_G`.
  package static func dampedTrace(
    traceA: Double, traceG: Double, dimensionA: Int, dimensionG: Int,
    damping: Double
  ) -> Double {
    traceA * traceG + damping * Double(dimensionA) * Double(dimensionG)
  }

  /// The relative change of Eq. 8; infinite when the previous trace is 0
  /// and the current one is not, 0 when both are 0.
  package static func relativeChange(current: Double, previous: Double)
    -> Double
  {
    let difference = abs(current - previous)
    if previous == 0 { return difference == 0 ? 0 : .infinity }
    return difference / abs(previous)
  }

  /// The decision of Eq. 9 for the relative change `delta`. A non-finite
  /// change updates (the inverse is then recomputed and checked).
  package func decide(relativeChange delta: Double) -> Decision {
    if isDisabled || !delta.isFinite || delta > updateThreshold {
      return .update
    }
    if delta >= freezeThreshold { return .skip }
    return .freeze
  }
}
