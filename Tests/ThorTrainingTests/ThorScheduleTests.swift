import Foundation
import Testing

@testable import ThorTraining

@Suite("Inverse-interval and damping schedules")
struct ThorScheduleTests {
  @Test func parsesAndLooksUpSteps() throws {
    let s = try IntervalSchedule(parsing: "0:10, 2:50,5:200")
    let expected = [10, 10, 50, 50, 50, 200, 200, 200]
    #expect((0..<8).map { s.interval(atEpoch: $0) } == expected)
    #expect(s.description == "0:10,2:50,5:200")
    #expect(try IntervalSchedule(parsing: "20").interval(atEpoch: 99) == 20)
  }

  @Test(arguments: [
    "", "1:10", "0:10,0:20", "0:10,3:0", "0:x", "0:10,2",
    "-1:5", "0",
  ])
  func rejectsBadSchedules(text: String) {
    #expect(throws: SecondOrderError.self) {
      try IntervalSchedule(parsing: text)
    }
  }

  @Test func errorNamesTheEntry() {
    do {
      _ = try IntervalSchedule(parsing: "0:10,2:fifty")
      Issue.record("accepted a bad schedule")
    } catch {
      #expect("\(error)".contains("'2:fifty'"))
    }
  }

  @Test func stepDampingIsEquation13() throws {
    // λ(e) = 0.3 × 10^−⌊e/30⌋.
    let s = try DampingSchedule(initial: 0.3, parsing: "step:0.1:30")
    for e in [0, 29, 30, 59, 60, 95] {
      let closed = 0.3 * pow(10, -floor(Double(e) / 30))
      #expect(abs(s.damping(atEpoch: e) - closed) < 1e-12 * closed)
    }
  }

  /// The learning rate's grammar and the positional one of earlier
  /// versions mean the same schedules.
  @Test(arguments: [
    ("step:every=30,factor=0.1", "step:0.1:30"),
    ("step:factor=0.5,every=4", "step:0.5:4"), ("step", "step:0.1:30"),
    ("exp:rate=0.87,span=10", "exp:0.87:10"), ("exp:rate=0.5", "exp:0.5"),
  ])
  func bothGrammarsAgree(keyed: String, positional: String) throws {
    let a = try DampingSchedule(initial: 0.3, parsing: keyed)
    let b = try DampingSchedule(initial: 0.3, parsing: positional)
    #expect(a == b)
    let c = try DampingSchedule(initial: 0.3, parsing: a.description)
    #expect(c == a)
  }

  @Test func exponentialDampingIsEquation16() throws {
    // λ(e) = 0.03 · 0.87^(e/10) (Table 3).
    let s = try DampingSchedule(initial: 0.03, parsing: "eq16")
    for e in [0, 1, 5, 10, 37] {
      let closed = 0.03 * exp(Double(e) / 10 * log(0.87))
      #expect(abs(s.damping(atEpoch: e) - closed) < 1e-12)
    }
    let c = try DampingSchedule(initial: 0.1, parsing: "constant")
    #expect(c.damping(atEpoch: 50) == 0.1)
  }

  @Test(arguments: [
    "linear", "step:0", "exp:-1", "step:0.1:2.5",
    "constant:3", "step:1:2:3", "step:every=2.5", "step:factor=-1",
    "exp:rho=0.5", "step:every=30,every",
  ])
  func rejectsBadDampingSchedules(text: String) {
    #expect(throws: SecondOrderError.self) {
      try DampingSchedule(initial: 0.03, parsing: text)
    }
  }

  @Test func dampingForms() {
    let root = DampingForm.squareRoot.factorDamping(
      lambda: 0.04, traceA: 1, dimensionA: 1, traceG: 1, dimensionG: 1)
    #expect(abs(root.a - 0.2) < 1e-12 && abs(root.g - 0.2) < 1e-12)
    // π² = (8/2) / (3/3) = 4: γ_A = 2·0.2, γ_G = 0.2/2.
    let pi = DampingForm.pi.factorDamping(
      lambda: 0.04, traceA: 8, dimensionA: 2, traceG: 3, dimensionG: 3)
    #expect(abs(pi.a - 0.4) < 1e-12 && abs(pi.g - 0.1) < 1e-12)
  }
}
