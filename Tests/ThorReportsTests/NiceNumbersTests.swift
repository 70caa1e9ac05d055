import Testing

@testable import ThorReports

@Suite("Nice axis ticks") struct NiceNumbersTests {
  // Expected values worked by hand from Heckbert's rules: the range is
  // rounded up to 1, 2, 5 or 10 × 10^k, the step to the nearest of them.
  @Test func unitRange() {
    let ticks = NiceNumbers.ticks(lower: 0, upper: 1)
    #expect(ticks.step == 0.2)
    #expect(ticks.values == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
  }

  @Test func ragged() {
    let ticks = NiceNumbers.ticks(lower: 0.13, upper: 9.7)
    #expect(ticks.step == 2)
    #expect(ticks.lower == 0 && ticks.upper == 10)
    #expect(ticks.values == [0, 2, 4, 6, 8, 10])
  }

  @Test func negativeToPositive() {
    // range 50.2 → 100, step 100/5 = 20 → 20
    let ticks = NiceNumbers.ticks(lower: -3.2, upper: 47)
    #expect(ticks.values == [-20, 0, 20, 40, 60])
  }

  @Test func small() {
    // range 0.0027 → 0.005, step 0.001
    let ticks = NiceNumbers.ticks(lower: 0.001, upper: 0.0037)
    #expect(ticks.step == 0.001)
    #expect(ticks.values.count == 4)
    #expect(abs(ticks.upper - 0.004) < 1e-15)
  }

  @Test func degenerateRangeIsWidened() {
    let ticks = NiceNumbers.ticks(lower: 5, upper: 5)
    #expect(ticks.lower < 5 && ticks.upper > 5)
    #expect(ticks.values.count >= 3)
  }

  @Test func powersOfTwo() {
    let ticks = NiceNumbers.logTicks(lower: 1, upper: 2048, base: 2)
    #expect(ticks.values == (0...11).map { Double(1 << $0) })
  }

  @Test func decadesAreThinned() {
    let ticks = NiceNumbers.logTicks(lower: 3e-4, upper: 0.5, base: 10)
    #expect(ticks.values.count == 5)
    #expect(abs(ticks.values[0] - 1e-4) < 1e-18 && ticks.values[4] == 1)
    // 1e-30 ... 1e30: 61 decades, at most 12 ticks, every 6th power.
    let wide = NiceNumbers.logTicks(lower: 1e-30, upper: 1e30, base: 10)
    #expect(wide.values.count <= 12)
    #expect(wide.step == 6)
  }

  @Test func tickLabels() {
    let linear = ResolvedAxis(Axis(label: "x"), values: [0, 1])
    #expect(linear.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    let percent = ResolvedAxis(
      Axis(label: "acc", format: .percent), values: [0.8, 0.93])
    // range 0.13 → 0.2, step 0.04 → 0.05
    #expect(percent.labels == ["80%", "85%", "90%", "95%"])
    let log = ResolvedAxis(
      Axis(label: "s", scale: .logarithmic(base: 2)), values: [1, 2048])
    #expect(log.labels.last == "2048")
  }
}
