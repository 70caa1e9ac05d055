import ThorFormats

extension SplitStrategy {
  /// The admission rule of a per-factor strategy.
  var rule: Solver.AdmissionRule {
    self == .eq11 ? .eq11 : .updateChange
  }
}
