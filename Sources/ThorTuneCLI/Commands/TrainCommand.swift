import Foundation
import ThorLinalg
import ThorSafetensors
import ThorTraining

/// `thor-tune train`: trains `mlp`, `cnn` or a custom MLP on Fashion-MNIST
/// with SGD, K-FAC or a THOR variant, logging one JSON line per epoch.
///
/// Second-order options and their checks come from
/// `TrainCommand+SecondOrder.swift` (``secondOrderOptions``,
/// ``validateSecondOrder()``), so they extend this command without
/// touching this file; the optimizer from ``OptimizerSettings``.
struct TrainCommand: Command {
  static let name = "train"
  static let abstract =
    "Train a model on Fashion-MNIST with SGD, K-FAC or THOR."
  static let discussion = """
    Reads the four IDX files (gzip'd or not) of Fashion-MNIST, or of MNIST, \
    from --data, normalizes pixels with mean 0.2860 and std 0.3530, and \
    trains with mini-batches in a seeded random order. After every epoch \
    the test set is evaluated (not counted in epoch_seconds) and --log is \
    rewritten atomically with one JSON object per epoch, so it always \
    holds every complete epoch. The same --seed gives the same run.

    Models: 'mlp' (784-512-256-10), 'cnn' (two 5x5 conv + max-pool \
    blocks, dense 256, dense 10) or 'mlp:784,W1,...,10' (custom widths). \
    Learning-rate schedules (--lr-schedule), evaluated every step at the \
    fractional epoch e: 'constant'; 'step:every=30,factor=0.1' (Eq. 13, \
    lr*factor^floor(e/every)); 'poly:end=E,power=P' (Eq. 14, \
    lr*(1-e/E)^P); 'warmup:start=S,epochs=W,end=E,power=P' (Eq. 15, \
    linear from S to lr over W epochs, then lr*(1-(e-W)/E)^P).
    """

  static var options: [OptionSpec] {
    [
      .value("model", help: "mlp, cnn or mlp:784,...,10.", default: "mlp"),
      .value(
        "optimizer", as: OptimizerKind.self, help: "The optimizer.",
        default: .sgd),
      .value(
        "epochs", as: Int.self, help: "Passes over the data.", default: 10),
      .value(
        "batch-size", as: Int.self, valueName: "n",
        help: "Samples per mini-batch.", default: 128),
      .value(
        "lr", as: Double.self, help: "Base learning rate.",
        defaultDescription: "0.02 for sgd, 0.005 for kfac and thor*"),
      .value(
        "lr-schedule", valueName: "schedule",
        help: "Learning-rate schedule (see above).", default: "constant"),
      .value(
        "momentum", as: Double.self,
        help: "Momentum (SGD; kfac/thor* apply it to the preconditioned step).",
        default: OptimizerKind.defaultMomentum),
      .flag(
        "nesterov",
        help: "Use Nesterov momentum (sgd only; refused for the others)."),
      .value(
        "weight-decay", as: Double.self, valueName: "wd",
        help: "L2 weight decay on the weights, not the biases (kfac, "
          + "thor*: added after preconditioning).", default: 0),
      .flag(
        "decay-biases", help: "Apply the weight decay to the biases too."),
      .value(
        "label-smoothing", as: Double.self, valueName: "eps",
        help: "Label-smoothing weight in [0, 1).", default: 0),
      .value(
        "seed", as: UInt64.self,
        help: "Seeds initialization and data order.", default: 0),
      .value(
        "log", valueName: "file",
        help: "Write the epoch log here (JSON Lines)."),
      .value(
        "data", valueName: "dir", help: "Folder of the IDX files.",
        default: FashionMNIST.defaultFolder),
      .value(
        "train-subset", as: Int.self, valueName: "n",
        help: "Train on the first n training images only."),
      .value(
        "test-subset", as: Int.self, valueName: "n",
        help: "Evaluate on the first n test images only."),
      .value(
        "init-weights", valueName: "file",
        help: "Start from these weights (safetensors, PyTorch names and "
          + "layouts: <layer>.weight, <layer>.bias) instead of the seeded "
          + "initialization."),
      .value(
        "validation", as: Int.self, valueName: "n",
        help: "Hold out the last n training images (before --train-subset "
          + "applies) and log validation_loss and validation_accuracy after "
          + "every epoch, to choose hyperparameters on."),
      .value(
        "validate-every", as: Int.self, valueName: "steps",
        help: "Also evaluate the validation split every this many steps "
          + "(outside the timed part) and log the points as checkpoints, "
          + "for time to accuracy within epochs; needs --validation."),
      .value(
        "threads", as: Int.self,
        help: "Worker threads; each batch, and the factor work, is split "
          + "over them, with OpenBLAS on one thread inside each.",
        defaultDescription: "the number of cores"),
    ] + secondOrderOptions
  }

  var model: ModelSpec
  var optimizer: OptimizerSettings
  var configuration: TrainingConfiguration
  var dump: FactorDumpOption?
  var log: URL?
  var data: String
  var trainSubset: Int?
  var testSubset: Int?
  var validation: Int?
  var validateEvery: Int?
  var initWeights: String?
  var threads: Int
  /// The options given, for the checks of ``validate()``.
  var given: GivenOptions

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    let text: String = try arguments.value("model")
    do {
      model = try ModelSpec(parsing: text)
    } catch {
      throw arguments.invalid("model", text, error.description)
    }
    let kind: OptimizerKind = try arguments.value("optimizer")
    let positive = "must be positive"
    let nonNegative = "must not be negative"
    let scheduleText: String = try arguments.value("lr-schedule")
    let schedule: LearningRateSchedule
    do {
      schedule = try LearningRateSchedule(parsing: scheduleText)
    } catch {
      throw arguments.invalid("lr-schedule", scheduleText, error.description)
    }
    configuration = TrainingConfiguration(
      epochs: try arguments.value("epochs", where: { $0 > 0 }, positive),
      batchSize: try arguments.value(
        "batch-size", where: { $0 > 0 }, positive),
      learningRate: try arguments.optionalValue(
        "lr", where: { $0 > 0 }, positive)
        ?? kind.defaultLearningRate,
      schedule: schedule,
      labelSmoothing: Float(
        try arguments.value(
          "label-smoothing", as: Double.self, where: { $0 >= 0 && $0 < 1 },
          "must be in [0, 1)")),
      seed: try arguments.value("seed"))
    let momentum = Float(
      try arguments.value(
        "momentum", as: Double.self, where: { $0 >= 0 }, nonNegative))
    let weightDecay = Float(
      try arguments.value(
        "weight-decay", as: Double.self, where: { $0 >= 0 }, nonNegative))
    log = try arguments.optionalValue("log", as: String.self).map {
      URL(fileURLWithPath: $0)
    }
    data = try arguments.value("data")
    trainSubset = try arguments.optionalValue(
      "train-subset", where: { $0 > 0 }, positive)
    testSubset = try arguments.optionalValue(
      "test-subset", where: { $0 > 0 }, positive)
    validation = try arguments.optionalValue(
      "validation", where: { $0 > 0 }, positive)
    validateEvery = try arguments.optionalValue(
      "validate-every", where: { $0 > 0 }, positive)
    initWeights = try arguments.optionalValue("init-weights")
    threads =
      try arguments.optionalValue(
        "threads", where: { $0 > 0 }, positive)
      ?? ProcessInfo.processInfo.activeProcessorCount
    optimizer = OptimizerSettings(
      kind: kind, momentum: momentum, nesterov: arguments.flag("nesterov"),
      weightDecay: weightDecay,
      decayScope: arguments.flag("decay-biases")
        ? .weightsAndBiases : .weightsOnly,
      secondOrder: try SecondOrderSettings(arguments))
    dump = try FactorDumpOption.parse(arguments)
    given = arguments.givenOptions
  }

  func validate() throws(CommandLineError) {
    if optimizer.nesterov && optimizer.kind != .sgd {
      throw .invalidValue(
        option: "nesterov", value: optimizer.kind.rawValue,
        reason: "applies to sgd only (kfac and thor* use heavy-ball "
          + "momentum on the preconditioned step)")
    }
    if let validateEvery, validation == nil {
      throw Self.invalid(
        "validate-every", "\(validateEvery)", "needs --validation")
    }
    try validateSecondOrder()
  }

  func run() throws {
    OpenBLAS.setThreads(threads)
    guard let validation else {
      let (train, test) = try FashionMNIST.load(
        folder: data, trainLimit: trainSubset, testLimit: testSubset)
      try run(train: train, test: test)
      return
    }
    let (all, test) = try FashionMNIST.load(
      folder: data, testLimit: testSubset)
    guard validation < all.count else {
      throw DatasetError.validationTooLarge(
        validation: validation, trainCount: all.count)
    }
    var (train, held) = all.holdingOut(last: validation)
    if let trainSubset, trainSubset < train.count {
      train = train.samples(0..<trainSubset)
    }
    try run(train: train, test: test, validation: held)
  }

  /// Trains on data already loaded (`thor-tune demo` loads it once for
  /// several runs); the subset options are not applied here.
  func run(train: Dataset, test: Dataset, validation: Dataset? = nil) throws {
    let network = try model.makeNetwork(
      input: train.shape, classes: train.classes, seed: configuration.seed)
    if let initWeights {
      let file: SafetensorsFile
      do {
        file = try SafetensorsFile(
          contentsOf: URL(fileURLWithPath: initWeights))
      } catch {
        throw WeightsError.file(error)
      }
      try network.loadWeights(from: file)
    }
    let trainer = Trainer(
      network: network, optimizer: try makeOptimizer(network),
      modelName: model.description, train: train, test: test,
      configuration: configuration)
    trainer.validation = validation
    trainer.validateEvery = validateEvery
    try runEpochs(trainer)
  }

  /// The optimizer of the settings, with the factor dumper attached;
  /// prints the warnings of its splits.
  private func makeOptimizer(_ network: Network) throws -> any Optimizer {
    let (made, warnings) = try optimizer.makeOptimizer(for: network)
    for warning in warnings {
      StandardError.write("warning: \(warning)\n")
    }
    if let dump, let kfac = made as? KFACOptimizer {
      kfac.dumper = try makeDumper(dump)
    }
    return made
  }

  /// Runs the epochs with a progress line, rewriting the log each epoch.
  private func runEpochs(_ trainer: Trainer) throws {
    let progress = ProgressLine()
    var records = TrainingLog()
    var lastShown = ContinuousClock.now
    defer { progress.finish() }
    try trainer.run { state in
      let now = ContinuousClock.now
      guard
        state.batch == state.batches
          || now - lastShown >= .milliseconds(250)
      else { return }
      lastShown = now
      progress.update(Self.describe(state))
    } epochDone: { record in
      records.append(record)
      if let log {
        try OutputWriter.write(try records.jsonLines(), to: log)
      }
      try afterEpoch(record, trainer: trainer)
      progress.finish(Self.describe(record))
    }
  }
}

extension OptimizerKind: ArgumentValue {}
