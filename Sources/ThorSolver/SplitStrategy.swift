/// Which choice a plan's layers carry (the global one is always recorded).
public enum SplitStrategy: String, Sendable, CaseIterable {
  /// The paper's single split for every factor (Fig. 5).
  case global
  /// The cheapest split within tolerance for each factor (DESIGN).
  case perLayer = "per-layer"
}
