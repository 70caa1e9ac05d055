import ThorReports
import ThorTraining

/// What `thor-tune demo` runs: sizes, seeds and the hyperparameters of each
/// stage, as the command-line words of the equivalent commands.
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
  static let model = "cnn"

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
      model: Self.model, seed: seed, epochs: epochs,
      trainSubset: trainSubset, testSubset: testSubset,
      captureImages: captureImages, thresholds: thresholds, data: data,
      threads: threads, profileDims: profileDims)
  }

  /// `thor-tune profile` options of stage 1.
  var profileWords: [String] {
    [
      "--dims", profileDims.map(String.init).joined(separator: ","),
      "--min-time", String(profileMinTime),
      "--warmup", String(profileWarmup),
      "--repeats", String(profileRepeats),
      "--product-min-time", String(productMinTime),
      "--threads", String(threads), "--seed", String(seed),
    ]
  }

  /// THOR's inverse-update interval in the demo (also what the plan is
  /// modelled for).
  static let inverseInterval = "0:10,1:50,3:200"

  /// Optimizer steps per epoch of the SGD and THOR runs (batch 128).
  var stepsPerEpoch: Int { ((trainSubset ?? 60_000) + 127) / 128 }

  /// Options every training run shares: model, seed (the same
  /// initialization and data order), threads, data and its subsets.
  private func trainWords(train: Int?, test: Int?) -> [String] {
    [
      "--model", Self.model, "--seed", String(seed),
      "--threads", String(threads), "--data", data,
    ] + (train.map { ["--train-subset", String($0)] } ?? [])
      + (test.map { ["--test-subset", String($0)] } ?? [])
  }

  /// Eq. 14 decay to a small learning rate at the end of the last epoch:
  /// lr (1 - e/(epochs + 1))^2.
  private var decay: String { "poly:end=\(epochs + 1),power=2" }

  /// K-FAC and THOR hyperparameters, tuned for `cnn` on Fashion-MNIST:
  /// damping 0.03 with gamma = sqrt(lambda), A estimated from 32 samples
  /// per batch.
  private var secondOrderWords: [String] {
    [
      "--lr", "0.005", "--momentum", "0.9", "--damping", "0.03",
      "--factor-samples", "32",
    ]
  }

  /// `thor-tune train` options of the factor capture (stage 2): one epoch
  /// of K-FAC on the first ``captureImages`` training images, the factors
  /// re-estimated every 5 steps and dumped at its end.
  func captureWords(log: String, dump: String) -> [String] {
    let train = min(captureImages, trainSubset ?? captureImages)
    let test = min(captureTestImages, testSubset ?? captureTestImages)
    return trainWords(train: train, test: test) + secondOrderWords + [
      "--optimizer", "kfac", "--epochs", "1", "--factor-interval", "5",
      "--log", log, "--dump-factors", dump,
    ]
  }

  /// `thor-tune plan` options of stage 3, modelled for the THOR run.
  func planWords(
    factors: String, profile: String, out: String, report: String
  ) -> [String] {
    [
      "--factors", factors, "--profile", profile, "--out", out,
      "--report", report, "--threads", String(threads),
      "--steps-per-epoch", String(stepsPerEpoch), "--epochs", String(epochs),
      "--inv-interval", Self.inverseInterval,
    ]
  }

  /// `thor-tune train` options of the SGD baseline (stage 4).
  func sgdWords(log: String) -> [String] {
    trainWords(train: trainSubset, test: testSubset) + [
      "--optimizer", "sgd", "--epochs", String(epochs), "--lr", "0.02",
      "--momentum", "0.9", "--lr-schedule", decay, "--log", log,
    ]
  }

  /// `thor-tune train` options of the THOR run with the plan (stage 5).
  func thorWords(log: String, plan: String) -> [String] {
    trainWords(train: trainSubset, test: testSubset) + secondOrderWords + [
      "--optimizer", "thor", "--epochs", String(epochs),
      "--lr-schedule", decay, "--inv-interval", Self.inverseInterval,
      "--plan", plan, "--log", log,
    ]
  }
}
