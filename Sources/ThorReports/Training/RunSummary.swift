import ThorFormats

/// The Table 2 numbers of one run.
package struct RunSummary: Equatable, Sendable {
  /// The first epoch at or above a test-accuracy threshold.
  package struct Reached: Equatable, Sendable {
    package var epoch: Int
    package var seconds: Double
  }

  package var bestTestAccuracy: Double
  package var epochs: Int
  package var medianEpochSeconds: Double
  package var totalSeconds: Double
  package var factorSeconds: Double
  package var inverseSeconds: Double
  package var preconditionSeconds: Double
  /// Per threshold: when the run first reached it, `nil` if never.
  package var reached: [Reached?]

  /// Summarizes non-empty `records` for `thresholds` (fractions).
  package init(_ records: [EpochRecord], thresholds: [Double]) {
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
