import ThorTraining

/// The Table 2 numbers of one run.
struct RunSummary: Equatable {
  /// The first epoch at or above a test-accuracy threshold.
  struct Reached: Equatable {
    var epoch: Int
    var seconds: Double
  }

  var bestTestAccuracy: Double
  var epochs: Int
  var medianEpochSeconds: Double
  var totalSeconds: Double
  var factorSeconds: Double
  var inverseSeconds: Double
  var preconditionSeconds: Double
  /// Per threshold: when the run first reached it, `nil` if never.
  var reached: [Reached?]

  /// Summarizes non-empty `records` for `thresholds` (fractions).
  init(_ records: [EpochRecord], thresholds: [Double]) {
    precondition(!records.isEmpty, "a run has at least one epoch")
    bestTestAccuracy = records.map(\.testAccuracy).max()!
    epochs = records.count
    medianEpochSeconds = records.map(\.epochSeconds).median
    totalSeconds = records[records.count - 1].totalSeconds
    factorSeconds = records.reduce(0) { $0 + $1.factorSeconds }
    inverseSeconds = records.reduce(0) { $0 + $1.inverseSeconds }
    preconditionSeconds = records.reduce(0) { $0 + $1.preconditionSeconds }
    reached = thresholds.map { threshold in
      records.first { $0.testAccuracy >= threshold }.map {
        Reached(epoch: $0.epoch, seconds: $0.totalSeconds)
      }
    }
  }
}
