import Foundation
import ThorFormats
import ThorTraining

// The K-FAC/THOR side of `thor-tune train`, owned by the second-order
// optimizers: their options, their settings and the optimizer factory.

extension TrainCommand {
  /// Options of the second-order optimizers, listed after the common ones.
  static var secondOrderOptions: [OptionSpec] {
    [
      .value(
        "damping", as: Double.self, valueName: "lambda",
        help: "Initial damping lambda (kfac, thor*).",
        default: KFACConfiguration.defaultDamping),
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
        default: .squareRoot),
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
        default: TraceRule.Form.damped),
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
        default: 0.9),
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

  /// Builds the `kfac`, `thor`, `thor-stop` or `thor-nt` optimizer.
  func makeSecondOrderOptimizer(
    _ variant: SecondOrderVariant, network: Network,
    configuration: TrainingConfiguration
  ) throws -> any Optimizer {
    let s = secondOrder
    var c = variant.configuration
    c.momentum = momentum
    c.weightDecay = weightDecay
    c.decayScope = decayScope
    c.decayBeforePreconditioning = s.decayBeforePreconditioning
    c.damping = s.damping
    c.dampingForm = s.dampingForm
    if let schedule = s.inverseInterval { c.inverseInterval = schedule }
    c.factorInterval = s.factorInterval
    c.factorDecay = s.factorDecay
    c.factorSampleLimit = s.factorSamples
    c.klClip = s.klClip
    if let omega = s.omega {
      c.traceRule = TraceRule(
        updateThreshold: omega.update, freezeThreshold: omega.freeze)
    }
    c.traceRule?.form = s.traceForm
    let shapes = network.trainableLayers.map {
      FactorSplits.LayerShape(
        name: $0.name, inputDimension: $0.inputDimension,
        outputDimension: $0.outputDimension)
    }
    let source: FactorSplits.Source =
      if let path = s.plan {
        try .loadPlan(at: path, partial: s.planPartial)
      } else if let split = s.split {
        .uniform(split)
      } else {
        .none
      }
    c.splits = try FactorSplits.resolve(source, layers: shapes)
    for warning in FactorSplits.warnings(source) {
      StandardError.write("warning: \(warning)\n")
    }
    let optimizer = KFACOptimizer(configuration: c)
    if let dump = s.dump {
      let dumper = try makeDumper(dump)
      dumper.writeFile = { try OutputWriter.write($0.serialized(), to: $1) }
      optimizer.dumper = dumper
    }
    return optimizer
  }

  private func makeDumper(_ dump: SecondOrderSettings.Dump) throws
    -> FactorDumper
  {
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
    return FactorDumper(
      path: dump.path, atStep: dump.atStep,
      atEpochEnd: epochEnd.map { $0 - 1 }, every: dump.every,
      metadata: [
        Key.model: model.description, Key.dataset: dataset,
        "optimizer": optimizer.rawValue, "seed": String(configuration.seed),
        Key.dampingForm: secondOrder.dampingForm.rawValue,
      ])
  }
}

extension DampingForm: ArgumentValue {}
extension TraceRule.Form: ArgumentValue {}
