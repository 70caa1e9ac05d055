/// The run a plan is made for: steps per epoch and the inverse updates in
/// each epoch (the trainer's interval rule counts them:
/// `IntervalSchedule.updatesPerEpoch`). The trace rule can only skip
/// updates, so the counts are an upper bound for THOR.
public struct TrainingSchedule: Sendable, Equatable {
  /// Optimizer steps per epoch (batches).
  public let stepsPerEpoch: Int
  /// Inverse updates in each epoch.
  public let updatesPerEpoch: [Int]

  /// - Precondition: positive steps, at least one epoch, counts ≥ 0.
  public init(stepsPerEpoch: Int, updatesPerEpoch: [Int]) {
    precondition(stepsPerEpoch >= 1 && !updatesPerEpoch.isEmpty)
    precondition(updatesPerEpoch.allSatisfy { $0 >= 0 })
    self.stepsPerEpoch = stepsPerEpoch
    self.updatesPerEpoch = updatesPerEpoch
  }

  /// Mean inverse updates per epoch over the run.
  public var meanUpdatesPerEpoch: Double {
    Double(updatesPerEpoch.reduce(0, +)) / Double(updatesPerEpoch.count)
  }
}
