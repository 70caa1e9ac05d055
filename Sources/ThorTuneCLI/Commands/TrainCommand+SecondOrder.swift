import Foundation
import ThorFormats
import ThorTraining

// The K-FAC/THOR side of `thor-tune train`: the second-order options,
// their checks and the factor dump (the optimizer itself comes from
// ``OptimizerSettings/makeOptimizer(for:)``).

extension TrainCommand {
  /// Options of the second-order optimizers, listed after the common ones.
  static var secondOrderOptions: [OptionSpec] {
    [
      .value(
        "damping", as: Double.self, valueName: "lambda",
        help: "Initial damping lambda (kfac, thor*).",
        default: SecondOrderSettings().damping.initial),
      .value(
        "damping-schedule", valueName: "schedule",
        help: "constant, step:every=E,factor=F (Eq. 13, lambda*F^"
          + "floor(e/E), defaults 30 and 0.1) or exp:rate=R,span=S (Eq. 16, "
          + "lambda*R^(e/S), defaults 0.87 and 10), e the 0-based epoch; "
          + "the grammar of --lr-schedule.",
        default: "constant"),
      .value(
        "damping-form", as: DampingForm.self, valueName: "form",
        help: "Factor damping gamma: sqrt (gamma = sqrt(lambda) on both "
          + "factors, as MindSpore), lambda (gamma = lambda, Eq. 6) or pi "
          + "(factored Tikhonov, Martens & Grosse 2015).",
        default: SecondOrderSettings().dampingForm),
      .value(
        "inv-interval", valueName: "schedule",
        help: "Steps between inverse updates: N, or EPOCH:N,... growing "
          + "with the 0-based epoch.",
        defaultDescription: "20 for kfac, 0:10,2:50,5:200 for thor*"),
      .list(
        "omega", of: Double.self, valueName: "w1,w2",
        help: "Trace-rule thresholds (Eqs. 8-9): update when the change "
          + "exceeds w1, freeze below w2.",
        defaultDescription:
          "0.01,0 thor; 0.01,0.001 thor-stop; 0,0 thor-nt"),
      .value(
        "trace-form", as: TraceRule.Form.self,
        help: "The trace the rule's change compares: damped, tr(F + "
          + "lambda I) as Eq. 8, or undamped, tr(A) tr(G) (thor, thor-stop).",
        default: SecondOrderSettings().traceForm),
      .value(
        "split", as: Int.self, valueName: "n",
        help: "Split every factor into diagonal blocks of n (Eq. 10).",
        defaultDescription: "no split"),
      .value(
        "plan", valueName: "file",
        help: "Per-layer splits from a thor-tune plan (plan.json)."),
      .flag(
        "plan-partial",
        help: "Accept a plan whose layers differ from the model's; "
          + "unplanned layers are not split."),
      .value(
        "factor-interval", as: Int.self, valueName: "n",
        help: "Also update the factors every n steps (T_FIM).",
        defaultDescription: "at inverse updates only"),
      .value(
        "factor-decay", as: Double.self, valueName: "d",
        help: "Running-average decay of the factors per estimate.",
        default: KFACConfiguration.defaultFactorDecay),
      .flag(
        "decay-before-preconditioning",
        help: "Add the weight decay to the gradient before preconditioning "
          + "(kfac, thor*); by default it is added to the preconditioned "
          + "direction, as MindSpore's THOR and kfac-pytorch do."),
      .value(
        "factor-samples", as: Int.self, valueName: "n",
        help: "Estimate a convolution's A from the first n samples of a "
          + "batch (all their positions); dense layers and G use the whole "
          + "batch.",
        defaultDescription: "the whole batch"),
      .value(
        "kl-clip", as: Double.self, valueName: "kappa",
        help: "Scale steps by min(1, sqrt(kappa/(lr^2 <F^-1 g, g>))).",
        defaultDescription: "off"),
      .value(
        "dump-factors", valueName: "file",
        help: "Write every layer's A and G as safetensors (README, File "
          + "formats) "
          + "for thor-tune plan --factors."),
      .value(
        "dump-at", valueName: "when",
        help: "When to dump: a 0-based step, or epoch:N for the end of "
          + "epoch N.",
        defaultDescription: "the end of training"),
      .value(
        "dump-every", as: Int.self, valueName: "n",
        help: "Dump every n steps as a series: {step} in the file name, "
          + "or -stepNNNNNN before its extension."),
    ]
  }

  /// Writes the epoch-end factor dump when due.
  func afterEpoch(_ record: EpochRecord, trainer: Trainer) throws {
    guard let optimizer = trainer.optimizer as? KFACOptimizer else { return }
    try optimizer.dumpAtEpochEnd(epoch: record.epoch - 1)
  }

  /// Checks the second-order options against the optimizer and each
  /// other.
  /// - Throws: ``CommandLineError`` for an option the optimizer has no use
  ///   for, or options that exclude or need each other.
  func validateSecondOrder() throws(CommandLineError) {
    let kind = optimizer.kind
    let s = optimizer.secondOrder
    if kind == .sgd,
      let name = SecondOrderSettings.secondOrderOnly.first(
        where: given.contains)
    {
      throw Self.invalid(
        "optimizer", "sgd", "--\(name) needs kfac, thor, thor-stop or thor-nt")
    }
    if let omega = s.omega, kind == .kfac {
      throw Self.invalid(
        "omega", "\(omega.update),\(omega.freeze)",
        "kfac has no trace rule; use thor or thor-stop")
    }
    if given.contains("trace-form") && kind == .kfac {
      throw Self.invalid(
        "trace-form", s.traceForm.rawValue, "kfac has no trace rule")
    }
    if let plan = s.plan, let split = s.split {
      throw Self.invalid(
        "split", "\(split)", "give either --split or --plan \(plan)")
    }
    if s.planPartial && s.plan == nil {
      throw Self.invalid(
        "optimizer", "\(kind.rawValue)", "--plan-partial needs --plan")
    }
    if dump == nil {
      let every = given.text("dump-every").flatMap(Int.init)
      if let text = given.text("dump-at") ?? every.map(String.init) {
        let name = given.contains("dump-at") ? "dump-at" : "dump-every"
        throw Self.invalid(name, text, "needs --dump-factors <file>")
      }
    }
  }

  /// The dumper of `--dump-factors`, writing through ``OutputWriter``.
  func makeDumper(_ dump: FactorDumpOption) throws -> FactorDumper {
    let folder = URL(fileURLWithPath: dump.path).deletingLastPathComponent()
    var isFolder: ObjCBool = false
    guard
      FileManager.default.fileExists(
        atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue
    else {
      throw SecondOrderError.dumpFailed(
        path: dump.path, reason: "folder \(folder.path) does not exist")
    }
    let dataset = URL(fileURLWithPath: data).standardizedFileURL
      .lastPathComponent
    // Without --dump-at or --dump-every: at the end of training.
    let unscheduled = dump.atStep == nil && dump.every == nil
    let epochEnd = dump.atEpoch ?? (unscheduled ? configuration.epochs : nil)
    typealias Key = FactorDumpFormat.MetadataKey
    let dumper = FactorDumper(
      path: dump.path, atStep: dump.atStep,
      atEpochEnd: epochEnd.map { $0 - 1 }, every: dump.every,
      metadata: [
        Key.model: model.description, Key.dataset: dataset,
        "optimizer": optimizer.kind.rawValue,
        "seed": String(configuration.seed),
        Key.dampingForm: optimizer.secondOrder.dampingForm.rawValue,
      ])
    dumper.writeFile = { try OutputWriter.write($0.serialized(), to: $1) }
    return dumper
  }
}

extension DampingForm: ArgumentValue {}
extension TraceRule.Form: ArgumentValue {}
