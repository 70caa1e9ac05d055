import ThorFormats

extension Plan.Training {
  /// The training record of a plan made for `schedule`.
  package init(
    schedule: TrainingSchedule, pricesProducts: Bool, damping: Plan.Damping?,
    updateBudget: Double, epochSeconds: [String: Plan.EpochSeconds]
  ) {
    self.init(
      stepsPerEpoch: schedule.stepsPerEpoch,
      updatesPerEpoch: schedule.updatesPerEpoch,
      pricesProducts: pricesProducts, damping: damping,
      updateBudget: updateBudget, epochSeconds: epochSeconds)
  }
}
