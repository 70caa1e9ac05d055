/// The second-order optimizers `thor-tune train` offers, with the
/// paper's settings for each.
package enum SecondOrderVariant: String, Sendable, CaseIterable {
  /// K-FAC: full factors, a fixed inverse interval (20), no trace rule.
  case kfac
  /// THOR: trace rule (ω₁, ω₂) = (0.01, 0), growing interval.
  case thor
  /// THOR_stop: (ω₁, ω₂) = (0.01, 0.001), so stable layers freeze.
  case thorStop = "thor-stop"
  /// THOR_NT: (ω₁, ω₂) = (0, 0), no trace rule.
  case thorNT = "thor-nt"

  /// The paper's trace thresholds `(ω₁, ω₂)`; `nil` for K-FAC.
  package var thresholds: (update: Double, freeze: Double)? {
    switch self {
    case .kfac: nil
    case .thor: (0.01, 0)
    case .thorStop: (0.01, 0.001)
    case .thorNT: (0, 0)
    }
  }

  /// The default inverse-update interval: K-FAC's fixed 20 (the paper's
  /// baseline) or a growing schedule for THOR.
  package var defaultInverseInterval: IntervalSchedule {
    switch self {
    case .kfac:
      IntervalSchedule(fixed: 20)
    case .thor, .thorStop, .thorNT:
      IntervalSchedule.growing
    }
  }

  /// The variant's configuration before options override it.
  package var configuration: KFACConfiguration {
    var c = KFACConfiguration(name: rawValue)
    c.inverseInterval = defaultInverseInterval
    c.traceRule = thresholds.map {
      TraceRule(updateThreshold: $0.update, freezeThreshold: $0.freeze)
    }
    return c
  }
}
