import ThorLinalg

/// Settings of the K-FAC family: K-FAC itself and THOR's variants differ
/// only in the interval schedule, the trace rule and the splits.
package struct KFACConfiguration: Sendable {
  /// Name as logs write it (`kfac`, `thor`, `thor-stop`, `thor-nt`).
  package var name: String
  /// Momentum on the preconditioned gradient, `v ← μv + F⁻¹∇`.
  package var momentum = Float(OptimizerKind.defaultMomentum)
  /// L2 weight decay `wd·θ` (as ``SGD`` applies it), added to the
  /// preconditioned direction, so that it means the same regularization
  /// as for SGD instead of being amplified up to `1/γ²` in flat
  /// directions.
  package var weightDecay: Float = 0
  /// The parameters weight decay applies to.
  package var decayScope = WeightDecayScope.weightsOnly
  /// Adds the weight decay to the gradient before preconditioning instead
  /// (`train --decay-before-preconditioning`).
  package var decayBeforePreconditioning = false
  /// The damping `λ` by epoch (Eqs. 13, 16).
  package var damping = DampingSchedule(initial: defaultDamping)
  /// How `λ` becomes the factor damping `γ`.
  package var dampingForm = DampingForm.squareRoot
  /// Steps between inverse updates, by epoch (`T_INV`).
  package var inverseInterval = IntervalSchedule(fixed: 20)
  /// Steps between factor updates (`T_FIM`); `nil` updates the factors
  /// only at inverse-update steps, just before inverting.
  package var factorInterval: Int? = nil
  /// Running-average decay `δ` of the factors, per estimate.
  package var factorDecay = Float(defaultFactorDecay)
  /// The samples `A` is estimated from (`nil`: the whole batch).
  package var factorSampleLimit: Int? = nil
  /// THOR's trace rule; `nil` (K-FAC) updates every inverse at every
  /// inverse-update step.
  package var traceRule: TraceRule? = nil
  /// Block sizes by layer name; absent layers are not split.
  package var splits: [String: FactorSplits] = [:]
  /// KL-based step clipping `κ` (Ba, Grosse & Martens 2017): the update
  /// is scaled by `min(1, √(κ / (α² Σ ⟨F⁻¹∇, ∇⟩)))`; `nil` is off.
  package var klClip: Double? = nil

  /// The initial damping `λ` unless an option sets it.
  package static let defaultDamping = 0.03
  /// The running-average decay of the factors when none is given.
  package static let defaultFactorDecay = 0.9

  /// Creates a configuration with the defaults above.
  package init(name: String) {
    self.name = name
  }
}
