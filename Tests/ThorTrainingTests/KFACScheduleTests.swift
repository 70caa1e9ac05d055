import Testing
import ThorLinalg

@testable import ThorTraining

/// Behaviour across steps that results depend on, against counts and runs
/// worked out by hand.
@Suite("K-FAC and THOR across steps")
struct KFACScheduleTests {
  /// Interval 2 in epoch 0 and 5 from epoch 1, 6 steps an epoch (steps
  /// count on): updates at 0, 2, 4, then 9 (5 after 4): 3 and 1.
  @Test func growingIntervalSwitchesWithTheEpoch() throws {
    var c = SecondOrderVariant.kfac.configuration
    c.inverseInterval = try IntervalSchedule(parsing: "0:2,1:5")
    let optimizer = KFACOptimizer(configuration: c)
    let net = KFACOptimizerTests.network(seed: 8)
    var updates: [Int] = []
    for epoch in 0..<2 {
      for s in epoch * 6..<(epoch + 1) * 6 {
        try KFACOptimizerTests.step(
          net, optimizer, step: s, batch: UInt64(s), epoch: epoch)
      }
      updates.append(optimizer.takeEpochStatistics().layers["fc1"]!.updated)
    }
    #expect(updates == [3, 1])
  }

  /// A frozen layer (the same batch at lr 0: Δ = 0 < ω₂) records no more
  /// factor statistics and keeps its inverse, while it was recorded before.
  @Test func frozenLayerStopsRecordingFactors() throws {
    var c = SecondOrderVariant.thorStop.configuration
    c.inverseInterval = IntervalSchedule(fixed: 1)
    let optimizer = KFACOptimizer(configuration: c)
    let net = KFACOptimizerTests.network(seed: 9)
    for s in 0..<2 {
      try KFACOptimizerTests.step(net, optimizer, step: s, batch: 0, lr: 0)
    }
    let counts = optimizer.curvature.map(\.factors.estimateCount)
    let frozen = optimizer.curvature.map(\.trace.isFrozen)
    #expect(frozen == [true, true])
    optimizer.prepare(step: 2, epoch: 0, layers: net.trainableLayers)
    #expect(net.trainableLayers.allSatisfy { !$0.recordsFactorStatistics })
    try KFACOptimizerTests.step(net, optimizer, step: 2, batch: 1, lr: 0)
    #expect(optimizer.curvature.map(\.factors.estimateCount) == counts)
  }

  /// Dumping the factors at a step between inverse updates must not change
  /// the run: the same parameters after the same steps as without a dump.
  @Test func dumpBetweenUpdatesDoesNotChangeTheRun() throws {
    var c = SecondOrderVariant.kfac.configuration
    c.inverseInterval = IntervalSchedule(fixed: 3)
    var parameters: [[Matrix<Float>]] = []
    for dumping in [false, true] {
      let optimizer = KFACOptimizer(configuration: c)
      if dumping {
        let dumper = FactorDumper(path: "unused", atStep: 1, metadata: [:])
        dumper.writeFile = { _, _ in }
        optimizer.dumper = dumper
      }
      let net = KFACOptimizerTests.network(seed: 10)
      for s in 0..<5 {
        try KFACOptimizerTests.step(net, optimizer, step: s, batch: UInt64(s))
      }
      parameters.append(net.trainableLayers.map(\.parameters))
    }
    #expect(parameters[0] == parameters[1])
  }

  /// A layer the trace rule skips keeps its previous inverse: THOR with
  /// (ω₁, ω₂) = (10, 0) and an update point every step skips every point
  /// after the first (Δ < 10), so it must step exactly like K-FAC whose
  /// interval keeps step 0's inverses.
  @Test func skippedLayerKeepsItsPreviousInverse() throws {
    var thor = SecondOrderVariant.thor.configuration
    thor.inverseInterval = IntervalSchedule(fixed: 1)
    thor.traceRule = TraceRule(updateThreshold: 10, freezeThreshold: 0)
    var kfac = SecondOrderVariant.kfac.configuration
    kfac.inverseInterval = IntervalSchedule(fixed: 100)
    var parameters: [[Matrix<Float>]] = []
    var skipped = 0
    for c in [thor, kfac] {
      let optimizer = KFACOptimizer(configuration: c)
      let net = KFACOptimizerTests.network(seed: 12)
      for s in 0..<4 {
        try KFACOptimizerTests.step(net, optimizer, step: s, batch: UInt64(s))
      }
      skipped += optimizer.takeEpochStatistics().layers["fc1"]!.skipped
      parameters.append(net.trainableLayers.map(\.parameters))
    }
    #expect(skipped == 3)
    #expect(parameters[0] == parameters[1])
  }
}
