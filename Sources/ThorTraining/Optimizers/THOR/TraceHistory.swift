/// One layer's trace-rule state across inverse-update points.
package struct TraceHistory: Sendable, Equatable {
  /// The damped trace of the factors behind the inverse in use (`nil`
  /// before the first update).
  package private(set) var previousTrace: Double?
  /// Whether the layer's inverse is frozen for the rest of training.
  package private(set) var isFrozen = false
  /// The relative change at the last point (`nil` before the second).
  package private(set) var lastChange: Double?

  /// Creates an empty history.
  package init() {}

  /// Records the damped trace `trace` at an inverse-update point and
  /// returns what to do. The first point always updates (there is no
  /// inverse yet); a frozen layer stays frozen and records nothing. Only
  /// an update replaces the reference trace (Eq. 9: a skip keeps
  /// `F_k = F_{k−1}`).
  package mutating func decide(trace: Double, rule: TraceRule)
    -> TraceRule.Decision
  {
    if isFrozen { return .freeze }
    guard let previous = previousTrace else {
      previousTrace = trace
      return .update
    }
    let delta = TraceRule.relativeChange(current: trace, previous: previous)
    lastChange = delta
    let decision = rule.decide(relativeChange: delta)
    switch decision {
    case .update: previousTrace = trace
    case .skip: break
    case .freeze: isFrozen = true
    }
    return decision
  }
}
