import ThorTraining

/// Values of ``TrainCommand/secondOrderOptions``, checked on their own and
/// against the optimizer (they need `kfac` or a THOR variant).
struct SecondOrderSettings {
  /// `--dump-factors` and when to write.
  struct Dump {
    var path: String
    var atStep: Int?
    /// 1-based epoch whose end to dump at.
    var atEpoch: Int?
    var every: Int?
  }

  var damping: DampingSchedule
  var dampingForm: DampingForm
  var inverseInterval: IntervalSchedule?
  var omega: (update: Double, freeze: Double)?
  var traceForm: TraceRule.Form
  var split: Int?
  var plan: String?
  var planPartial: Bool
  var factorInterval: Int?
  var factorDecay: Float
  var factorSamples: Int?
  var klClip: Double?
  var decayBeforePreconditioning: Bool
  var dump: Dump?

  /// Options that only make sense with a second-order optimizer.
  static let secondOrderOnly = [
    "damping", "damping-schedule", "damping-form", "inv-interval", "omega",
    "trace-form",
    "split", "plan", "plan-partial", "factor-interval", "factor-decay",
    "factor-samples", "kl-clip", "dump-factors", "dump-at", "dump-every",
    "decay-before-preconditioning",
  ]

  /// The second-order options given, for ``validate(optimizer:)``.
  var given: GivenOptions

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    given = arguments.givenOptions
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
      omega = (omegas[0], omegas[1])
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
    dump = try Self.dump(arguments)
  }

  /// Checks the options against the optimizer and each other.
  /// - Throws: ``CommandLineError`` for an option the optimizer has no use
  ///   for, or options that exclude or need each other.
  func validate(optimizer: OptimizerKind) throws(CommandLineError) {
    typealias Train = TrainCommand
    if optimizer == .sgd,
      let name = Self.secondOrderOnly.first(where: given.contains)
    {
      throw Train.invalid(
        "optimizer", "sgd", "--\(name) needs kfac, thor, thor-stop or thor-nt")
    }
    if let omega, optimizer == .kfac {
      throw Train.invalid(
        "omega", "\(omega.update),\(omega.freeze)",
        "kfac has no trace rule; use thor or thor-stop")
    }
    if given.contains("trace-form") && optimizer == .kfac {
      throw Train.invalid(
        "trace-form", traceForm.rawValue, "kfac has no trace rule")
    }
    if let plan, let split {
      throw Train.invalid(
        "split", "\(split)", "give either --split or --plan \(plan)")
    }
    if planPartial && plan == nil {
      throw Train.invalid(
        "optimizer", "\(optimizer.rawValue)", "--plan-partial needs --plan")
    }
    if dump == nil {
      let every = given.text("dump-every").flatMap(Int.init)
      if let text = given.text("dump-at") ?? every.map(String.init) {
        let name = given.contains("dump-at") ? "dump-at" : "dump-every"
        throw Train.invalid(name, text, "needs --dump-factors <file>")
      }
    }
  }

  private static func dump(_ arguments: ParsedArguments)
    throws(CommandLineError) -> Dump?
  {
    let path: String? = try arguments.optionalValue("dump-factors")
    let at: String? = try arguments.optionalValue("dump-at")
    let every = try arguments.optionalValue(
      "dump-every", where: { $0 > 0 }, "must be positive")
    guard let path else { return nil }
    var dump = Dump(path: path, every: every)
    guard let at else { return dump }
    if at.hasPrefix("epoch:"), let n = Int(at.dropFirst(6)), n >= 1 {
      dump.atEpoch = n
    } else if let step = Int(at), step >= 0 {
      dump.atStep = step
    } else {
      throw arguments.invalid(
        "dump-at", at, "expected a step (0, 1, ...) or epoch:N (N >= 1)")
    }
    return dump
  }
}
