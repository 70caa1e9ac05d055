import ThorTraining

extension PlanCommand: RenderableCommand {
  /// The words (after `plan`) that parse to this command.
  var renderedWords: [String] {
    Self.words(
      [
        ("factors", factors),
        ("profile", profile),
        ("candidates", candidates?.map(String.init).joined(separator: ",")),
        ("tolerance", "\(tolerance)"),
        ("strategy", strategy.rawValue),
        ("update-budget", "\(updateBudget)"),
        ("damping", damping.map { "\($0)" }),
        ("damping-form", dampingForm?.rawValue),
        ("steps-per-epoch", "\(stepsPerEpoch)"),
        ("epochs", "\(epochs)"),
        ("inv-interval", intervals.description),
        ("out", out),
        ("report", report),
        ("threads", "\(threads)"),
        ("memory", memory == PeakMemory.defaultBudget ? nil : "\(memory)"),
        ("shard", shard.map { "\($0.index)/\($0.count)" }),
        ("merge", Self.flag(merge)),
        ("json", Self.flag(json)),
      ], always: ["threads"]) + (merge ? shards : [])
  }
}
