import Foundation
import ThorReports
import ThorTraining

/// What `thor-tune demo` runs: sizes, seeds and the hyperparameters of each
/// stage, as the typed commands of the stages.
struct DemoSettings {
  /// Epochs of the SGD and THOR runs.
  var epochs: Int
  /// Training images used (the first n); `nil` for all 60,000.
  var trainSubset: Int?
  /// Test images used (the first n); `nil` for all 10,000.
  var testSubset: Int?
  /// Training images the one-epoch K-FAC capture run sees.
  var captureImages: Int
  /// Test images the capture run is evaluated on.
  var captureTestImages: Int
  /// Matrix dimensions the profile times.
  var profileDims: [Int]
  /// Seconds of timed inversions per profiled dimension.
  var profileMinTime: Double
  /// Untimed inversions before timing each dimension.
  var profileWarmup: Int
  /// The most timed inversions per dimension.
  var profileRepeats: Int
  /// Seconds of timed per-step products per block and gradient size.
  var productMinTime: Double
  /// Test-accuracy thresholds of the time-to-accuracy comparison.
  var thresholds: [Double]
  var seed: UInt64
  var threads: Int
  /// Folder of the Fashion-MNIST IDX files.
  var data: String

  /// The model every stage trains.
  static let model = ModelSpec.cnn

  /// The default run, sized to finish with a first release build within
  /// ten minutes on 2 cores (the README gives the measured time).
  static func standard(threads: Int) -> DemoSettings {
    DemoSettings(
      epochs: 3, trainSubset: 30_000, testSubset: nil, captureImages: 12_800,
      captureTestImages: 1_000,
      profileDims: [1, 16, 32, 64, 128, 256, 512, 1024, 2048],
      profileMinTime: 0.2, profileWarmup: 1, profileRepeats: 1_000,
      productMinTime: 0.05,
      thresholds: TrainingReport.defaultThresholds, seed: 1,
      threads: threads, data: FashionMNIST.defaultFolder)
  }

  /// Tiny settings that finish in seconds (for tests and a first look).
  static func quick(threads: Int) -> DemoSettings {
    var settings = standard(threads: threads)
    settings.epochs = 2
    settings.trainSubset = 512
    settings.testSubset = 256
    settings.captureImages = 256
    settings.captureTestImages = 128
    settings.profileDims = [1, 16, 32, 64, 128]
    settings.profileMinTime = 0.005
    settings.profileWarmup = 0
    settings.profileRepeats = 5
    settings.productMinTime = 0
    return settings
  }

  /// The settings the index page states.
  var indexSettings: DemoIndex.Settings {
    DemoIndex.Settings(
      model: Self.model.description, seed: seed, epochs: epochs,
      trainSubset: trainSubset, testSubset: testSubset,
      captureImages: captureImages, thresholds: thresholds, data: data,
      threads: threads, profileDims: profileDims)
  }

  /// Stage 1: `thor-tune profile`, writing to `out`.
  func profile(out: String?) throws(CommandLineError) -> ProfileCommand {
    var command = try ProfileCommand.defaults()
    command.configuration.dims = profileDims
    command.configuration.minTime = profileMinTime
    command.configuration.warmup = profileWarmup
    command.configuration.maxRepeats = profileRepeats
    command.configuration.seed = seed
    command.products = ProfileCommand.products(
      for: command.configuration, others: command.products.others,
      minTime: productMinTime)
    command.threads = threads
    command.out = out
    command.arguments = command.renderedWords
    return command
  }

  /// THOR's inverse-update interval in the demo (also what the plan is
  /// modelled for).
  static func inverseInterval() throws -> IntervalSchedule {
    try IntervalSchedule(entries: [
      .init(epoch: 0, interval: 10), .init(epoch: 1, interval: 50),
      .init(epoch: 3, interval: 200),
    ])
  }

  /// Optimizer steps per epoch of the SGD and THOR runs (batch 128).
  var stepsPerEpoch: Int { ((trainSubset ?? 60_000) + 127) / 128 }

  /// What every training run shares: model, seed (the same
  /// initialization and data order), threads, data and its subsets.
  private func train(train: Int?, test: Int?, log: String) throws
    -> TrainCommand
  {
    var command = try TrainCommand.defaults()
    command.model = Self.model
    command.configuration.seed = seed
    command.threads = threads
    command.data = data
    command.trainSubset = train
    command.testSubset = test
    command.log = URL(fileURLWithPath: log)
    return command
  }

  /// Eq. 14 decay to a small learning rate at the end of the last epoch:
  /// lr (1 - e/(epochs + 1))^2.
  private var decay: LearningRateSchedule {
    .polynomial(end: Double(epochs + 1), power: 2)
  }

  /// K-FAC and THOR hyperparameters, tuned for `cnn` on Fashion-MNIST:
  /// damping 0.03 with gamma = sqrt(lambda), A estimated from 32 samples
  /// per batch.
  private func secondOrder(_ variant: SecondOrderVariant, _ c: TrainCommand)
    -> TrainCommand
  {
    var command = c
    command.optimizer.kind = .secondOrder(variant)
    command.configuration.learningRate = 0.005
    command.optimizer.momentum = 0.9
    command.optimizer.secondOrder.damping = DampingSchedule(initial: 0.03)
    command.optimizer.secondOrder.factorSamples = 32
    return command
  }

  /// The factor capture (stage 2): one epoch of K-FAC on the first
  /// ``captureImages`` training images, the factors re-estimated every 5
  /// steps and dumped at its end.
  func capture(log: String, dump: String) throws -> TrainCommand {
    let train = min(captureImages, trainSubset ?? captureImages)
    let test = min(captureTestImages, testSubset ?? captureTestImages)
    var command = secondOrder(
      .kfac, try self.train(train: train, test: test, log: log))
    command.configuration.epochs = 1
    command.optimizer.secondOrder.factorInterval = 5
    command.dump = FactorDumpOption(path: dump)
    return command
  }

  /// Stage 3: `thor-tune plan`, modelled for the THOR run.
  func plan(
    factors: String, profile: String, out: String, report: String
  ) throws -> PlanCommand {
    var command = try PlanCommand.defaults()
    command.factors = factors
    command.profile = profile
    command.out = out
    command.report = report
    command.threads = threads
    command.stepsPerEpoch = stepsPerEpoch
    command.epochs = epochs
    command.intervals = try Self.inverseInterval()
    command.words = command.renderedWords
    return command
  }

  /// The training report (stage 6) of the SGD and THOR logs.
  func report(sgd: String, thor: String, out: String)
    throws(CommandLineError) -> ReportCommand
  {
    var command = try ReportCommand.defaults()
    command.logs = [sgd, thor]
    command.labels = ["sgd", "thor"]
    command.thresholds = thresholds
    command.outOption = out
    return command
  }

  /// The SGD baseline (stage 4).
  func sgd(log: String) throws -> TrainCommand {
    var command = try train(train: trainSubset, test: testSubset, log: log)
    command.configuration.epochs = epochs
    command.configuration.learningRate = 0.02
    command.optimizer.momentum = 0.9
    command.configuration.schedule = decay
    return command
  }

  /// THOR with the plan (stage 5).
  func thor(log: String, plan: String) throws -> TrainCommand {
    var command = secondOrder(
      .thor, try train(train: trainSubset, test: testSubset, log: log))
    command.configuration.epochs = epochs
    command.configuration.schedule = decay
    command.optimizer.secondOrder.inverseInterval = try Self.inverseInterval()
    command.optimizer.secondOrder.plan = plan
    return command
  }
}
