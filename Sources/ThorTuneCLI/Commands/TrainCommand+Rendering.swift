import ThorTraining

extension TrainCommand: RenderableCommand {
  /// The words (after `train`) that parse to this command.
  var renderedWords: [String] {
    let s = optimizer.secondOrder
    let c = configuration
    return Self.words(
      [
        ("model", model.description),
        ("optimizer", optimizer.kind.rawValue),
        ("epochs", "\(c.epochs)"),
        ("batch-size", "\(c.batchSize)"),
        ("lr", "\(c.learningRate)"),
        ("lr-schedule", c.schedule.description),
        ("momentum", "\(optimizer.momentum)"),
        ("nesterov", Self.flag(optimizer.nesterov)),
        ("weight-decay", "\(optimizer.weightDecay)"),
        ("decay-biases", Self.flag(optimizer.decayScope == .weightsAndBiases)),
        ("label-smoothing", "\(c.labelSmoothing)"),
        ("seed", "\(c.seed)"),
        ("log", log?.relativePath),
        ("data", data),
        ("train-subset", trainSubset.map(String.init)),
        ("test-subset", testSubset.map(String.init)),
        ("init-weights", initWeights),
        ("validation", validation.map(String.init)),
        ("validate-every", validateEvery.map(String.init)),
        ("threads", "\(threads)"),
        ("damping", "\(s.damping.initial)"),
        ("damping-schedule", s.damping.description),
        ("damping-form", s.dampingForm.rawValue),
        ("inv-interval", s.inverseInterval?.description),
        ("omega", s.omega.map { "\($0.update),\($0.freeze)" }),
        ("trace-form", s.traceForm.rawValue),
        ("split", s.split.map(String.init)),
        ("plan", s.plan),
        ("plan-partial", Self.flag(s.planPartial)),
        ("factor-interval", s.factorInterval.map(String.init)),
        ("factor-decay", "\(s.factorDecay)"),
        ("factor-samples", s.factorSamples.map(String.init)),
        ("kl-clip", s.klClip.map { "\($0)" }),
        ("dump-factors", dump?.path),
        (
          "dump-at",
          dump?.atStep.map(String.init) ?? dump?.atEpoch.map { "epoch:\($0)" }
        ),
        ("dump-every", dump?.every.map(String.init)),
        (
          "decay-before-preconditioning",
          Self.flag(s.decayBeforePreconditioning)
        ),
      ], always: ["threads", "data"])
  }
}
