/// The settings of the K-FAC family that a run chooses; each overrides
/// the variant's ``SecondOrderVariant/configuration`` field of its name.
package struct SecondOrderSettings: Sendable, Equatable {
  /// Trace-rule thresholds `(ω₁, ω₂)` (Eqs. 8-9).
  package struct Thresholds: Sendable, Equatable {
    package var update: Double
    package var freeze: Double

    package init(update: Double, freeze: Double) {
      self.update = update
      self.freeze = freeze
    }
  }

  /// The damping `λ` by epoch.
  package var damping = DampingSchedule(
    initial: KFACConfiguration.defaultDamping)
  /// How `λ` becomes the factor damping.
  package var dampingForm = DampingForm.squareRoot
  /// Steps between inverse updates; `nil` keeps the variant's.
  package var inverseInterval: IntervalSchedule? = nil
  /// The trace rule's thresholds; `nil` keeps the variant's.
  package var omega: Thresholds? = nil
  /// The trace the rule compares.
  package var traceForm = TraceRule.Form.damped
  /// One block size for every factor (Eq. 10); `nil` for none.
  package var split: Int? = nil
  /// A plan file giving per-layer splits.
  package var plan: String? = nil
  /// Accept a plan whose layers differ from the model's.
  package var planPartial = false
  /// Steps between factor updates (`T_FIM`).
  package var factorInterval: Int? = nil
  /// Running-average decay of the factors.
  package var factorDecay = Float(KFACConfiguration.defaultFactorDecay)
  /// Samples a convolution's `A` is estimated from.
  package var factorSamples: Int? = nil
  /// KL-based step clipping `κ`.
  package var klClip: Double? = nil
  /// Add the weight decay before preconditioning.
  package var decayBeforePreconditioning = false

  /// The defaults above.
  package init() {}
}
