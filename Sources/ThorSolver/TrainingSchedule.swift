/// The run a plan is made for: steps per epoch, epochs and the inverse
/// interval in force in each epoch; it says how often the per-step products
/// and the inversions happen.
///
/// Inversions follow the trainer's rule: at the first step, then whenever
/// `interval` steps have passed since the last one, with the interval of
/// the current epoch (steps count on across epochs). The trace rule can
/// only skip inversions, so the count is an upper bound for THOR.
public struct TrainingSchedule: Sendable, Equatable {
  /// Optimizer steps per epoch (batches).
  public let stepsPerEpoch: Int
  /// The inverse-update interval during each epoch (0-based index).
  public let intervals: [Int]

  /// - Precondition: positive steps, at least one epoch, intervals ≥ 1.
  public init(stepsPerEpoch: Int, intervals: [Int]) {
    precondition(stepsPerEpoch >= 1 && !intervals.isEmpty)
    precondition(intervals.allSatisfy { $0 >= 1 })
    self.stepsPerEpoch = stepsPerEpoch
    self.intervals = intervals
  }

  /// The number of epochs.
  public var epochs: Int { intervals.count }

  /// Inverse updates in each epoch.
  public var updatesPerEpoch: [Int] {
    var counts = [Int](repeating: 0, count: epochs)
    var last: Int?
    var step = 0
    for (epoch, interval) in intervals.enumerated() {
      for _ in 0..<stepsPerEpoch {
        if last.map({ step - $0 >= interval }) ?? true {
          counts[epoch] += 1
          last = step
        }
        step += 1
      }
    }
    return counts
  }

  /// Mean inverse updates per epoch over the run.
  public var meanUpdatesPerEpoch: Double {
    Double(updatesPerEpoch.reduce(0, +)) / Double(epochs)
  }
}
