import ThorTraining

extension SecondOrderSettings {
  /// Options that only make sense with a second-order optimizer.
  static let secondOrderOnly = [
    "damping", "damping-schedule", "damping-form", "inv-interval", "omega",
    "trace-form",
    "split", "plan", "plan-partial", "factor-interval", "factor-decay",
    "factor-samples", "kl-clip", "dump-factors", "dump-at", "dump-every",
    "decay-before-preconditioning",
  ]

  /// Reads the values of ``TrainCommand/secondOrderOptions``, each checked
  /// on its own (``TrainCommand/validate()`` checks them together).
  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    self.init()
    let positive = "must be positive"
    let lambda = try arguments.value(
      "damping", as: Double.self, where: { $0 > 0 }, positive)
    let scheduleText: String = try arguments.value("damping-schedule")
    do {
      damping = try DampingSchedule(initial: lambda, parsing: scheduleText)
    } catch {
      throw arguments.invalid(
        "damping-schedule", scheduleText, error.description)
    }
    dampingForm = try arguments.value("damping-form")
    if let text = try arguments.optionalValue("inv-interval", as: String.self) {
      do {
        inverseInterval = try IntervalSchedule(parsing: text)
      } catch {
        throw arguments.invalid("inv-interval", text, error.description)
      }
    }
    let omegas = try arguments.values(
      "omega", as: Double.self, where: { $0 >= 0 }, "must not be negative")
    if arguments.isGiven("omega") {
      let text = omegas.map { "\($0)" }.joined(separator: ",")
      guard omegas.count == 2, omegas[1] <= omegas[0] else {
        throw arguments.invalid(
          "omega", text, "expected two thresholds w1,w2 with w2 <= w1")
      }
      omega = Thresholds(update: omegas[0], freeze: omegas[1])
    }
    traceForm = try arguments.value("trace-form")
    split = try arguments.optionalValue(
      "split", where: { $0 > 0 }, positive)
    plan = try arguments.optionalValue("plan")
    planPartial = arguments.flag("plan-partial")
    factorInterval = try arguments.optionalValue(
      "factor-interval", where: { $0 > 0 }, positive)
    factorDecay = Float(
      try arguments.value(
        "factor-decay", as: Double.self, where: { $0 >= 0 && $0 < 1 },
        "must be in [0, 1)"))
    factorSamples = try arguments.optionalValue(
      "factor-samples", where: { $0 > 0 }, positive)
    decayBeforePreconditioning = arguments.flag(
      "decay-before-preconditioning")
    klClip = try arguments.optionalValue(
      "kl-clip", where: { $0 > 0 }, positive)
  }
}
