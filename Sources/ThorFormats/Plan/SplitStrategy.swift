/// Which choice a plan's layers carry (the global one is always recorded).
package enum SplitStrategy: String, Sendable, CaseIterable, Codable,
  CustomStringConvertible
{
  /// For each factor, the split with the least modelled training time
  /// whose update change is within the update budget (the default).
  case perLayer = "per-layer"
  /// For each factor, the split with the least modelled training time
  /// whose Eq. 11 loss is below the tolerance.
  case eq11
  /// The paper's single split for every factor (Fig. 5).
  case global

  /// The name plans and `--strategy` use.
  package var description: String { rawValue }
}
