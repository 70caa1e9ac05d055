/// Which choice a plan's layers carry (the global one is always recorded).
public enum SplitStrategy: String, Sendable, CaseIterable {
  /// For each factor, the split with the least modelled training time
  /// whose update change is within the update budget (the default).
  case perLayer = "per-layer"
  /// For each factor, the split with the least modelled training time
  /// whose Eq. 11 loss is below the tolerance.
  case eq11
  /// The paper's single split for every factor (Fig. 5).
  case global

  /// The admission rule of a per-factor strategy.
  var rule: Solver.AdmissionRule {
    self == .eq11 ? .eq11 : .updateChange
  }
}
