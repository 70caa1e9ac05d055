/// The timing loop both profilers share: runs are timed until `minTime`
/// seconds have accumulated and at least ``InversionProfiler/minimumRuns``
/// were taken, at most `maxRepeats`; `restore` runs before each, outside
/// the timed region. Each sample is the run's microseconds divided by
/// `perRun` (the blocks one run handles).
enum TimedRuns {
  static func samples<E: Error>(
    minTime: Double, maxRepeats: Int, perRun: Int,
    restore: () -> Void, run: () throws(E) -> Void
  ) throws(E) -> [Double] {
    let atLeast = Swift.min(InversionProfiler.minimumRuns, maxRepeats)
    var samples: [Double] = []
    samples.reserveCapacity(Swift.min(maxRepeats, 1 << 16))
    var total = 0.0
    let clock = ContinuousClock()
    while samples.count < maxRepeats
      && (total < minTime * 1e6 || samples.count < atLeast)
    {
      restore()
      let start = clock.now
      try run()
      let elapsed = InversionProfiler.microseconds(
        start.duration(to: clock.now))
      samples.append(elapsed / Double(perRun))
      total += elapsed
    }
    return samples
  }
}
