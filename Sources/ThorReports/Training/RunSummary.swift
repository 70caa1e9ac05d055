import ThorFormats

/// The Table 2 numbers of one run.
public struct RunSummary: Equatable, Sendable {
  /// The first epoch at or above a test-accuracy threshold.
  public struct Reached: Equatable, Sendable {
    public var epoch: Int
    public var seconds: Double
  }

  public var bestTestAccuracy: Double
  public var epochs: Int
  public var medianEpochSeconds: Double
  public var totalSeconds: Double
  public var factorSeconds: Double
  public var inverseSeconds: Double
  public var preconditionSeconds: Double
  /// Per threshold: when the run first reached it, `nil` if never.
  public var reached: [Reached?]

  /// Summarizes non-empty `records` for `thresholds` (fractions).
  public init(_ records: [EpochRecord], thresholds: [Double]) {
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
