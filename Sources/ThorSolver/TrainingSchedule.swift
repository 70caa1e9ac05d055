/// The run a plan is made for: steps per epoch and the inverse updates in
/// each epoch (the trainer's interval rule counts them:
/// `IntervalSchedule.updatesPerEpoch`). The trace rule can only skip
/// updates, so the counts are an upper bound for THOR.
package struct TrainingSchedule: Sendable, Equatable {
  /// Optimizer steps per epoch (batches).
  package let stepsPerEpoch: Int
  /// Inverse updates in each epoch.
  package let updatesPerEpoch: [Int]

  /// - Precondition: positive steps, at least one epoch, counts ≥ 0.
  package init(stepsPerEpoch: Int, updatesPerEpoch: [Int]) {
    precondition(stepsPerEpoch >= 1 && !updatesPerEpoch.isEmpty)
    precondition(updatesPerEpoch.allSatisfy { $0 >= 0 })
    self.stepsPerEpoch = stepsPerEpoch
    self.updatesPerEpoch = updatesPerEpoch
  }

  /// Mean inverse updates per epoch over the run.
  package var meanUpdatesPerEpoch: Double {
    Double(updatesPerEpoch.reduce(0, +)) / Double(updatesPerEpoch.count)
  }
}
