import Testing

@testable import ThorTraining

/// The inverse-update counts `plan` models a run with, by hand.
@Suite("Inverse updates per epoch") struct IntervalUpdateCountTests {
  /// 10 steps an epoch, interval 3 then 5: updates at steps 0, 3, 6, 9,
  /// then 14 and 19 (steps count on across epochs): 4 and 2.
  @Test func growingScheduleCountsOnAcrossEpochs() throws {
    let schedule = try IntervalSchedule(parsing: "0:3,1:5")
    #expect(schedule.updatesPerEpoch(stepsPerEpoch: 10, epochs: 2) == [4, 2])
  }

  /// A fixed 20 over 2 × 469 steps: ceil(938 / 20) = 47, 24 then 23.
  @Test func fixedInterval() {
    #expect(
      IntervalSchedule(fixed: 20)
        .updatesPerEpoch(stepsPerEpoch: 469, epochs: 2) == [24, 23])
  }
}
