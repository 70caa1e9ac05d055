import Foundation
import Testing

@testable import ThorTraining

@Suite("Learning-rate schedules")
struct LearningRateScheduleTests {
  @Test func stepDecayIsEquation13() throws {
    let s = try LearningRateSchedule(parsing: "step")
    // α(e) = 0.1 × 10^(−⌊e/30⌋)
    for e in [0.0, 29.9, 30, 59.5, 60, 95] {
      let expected = 0.1 * pow(10, -(e / 30).rounded(.down))
      #expect(abs(s.value(base: 0.1, epoch: e) - expected) < 1e-15)
    }
    let custom = try LearningRateSchedule(parsing: "step:every=2,factor=0.5")
    #expect(custom.value(base: 1, epoch: 4.5) == 0.25)
  }

  @Test func polynomialDecayIsEquation14() throws {
    let s = try LearningRateSchedule(parsing: "poly:end=10,power=2")
    for e in [0.0, 2.5, 7, 9.99] {
      let expected = 0.4 * (1 - e / 10) * (1 - e / 10)
      #expect(abs(s.value(base: 0.4, epoch: e) - expected) < 1e-15)
    }
    #expect(s.value(base: 0.4, epoch: 10) == 0)
    #expect(s.value(base: 0.4, epoch: 12) == 0)
  }

  @Test func warmupIsEquation15() throws {
    let s = try LearningRateSchedule(
      parsing: "warmup:start=0.01,epochs=2,end=8,power=3")
    #expect(abs(s.value(base: 0.5, epoch: 0) - 0.01) < 1e-15)
    // Linear: 0.01 + (0.5 − 0.01)/2 · 1.5
    #expect(abs(s.value(base: 0.5, epoch: 1.5) - 0.3775) < 1e-12)
    #expect(abs(s.value(base: 0.5, epoch: 2) - 0.5) < 1e-15)
    // 0.5 · (1 − (6 − 2)/8)³ = 0.0625
    #expect(abs(s.value(base: 0.5, epoch: 6) - 0.0625) < 1e-15)
    #expect(s.value(base: 0.5, epoch: 10) == 0)
  }

  @Test(arguments: [
    "linear", "poly", "poly:end=0", "poly:end=x", "step:every=2,faktor=1",
    "warmup:epochs=1", "poly:end",
  ])
  func rejectsMalformedText(text: String) {
    #expect(throws: TrainingError.self) {
      try LearningRateSchedule(parsing: text)
    }
  }

  @Test func descriptionParsesBack() throws {
    for text in [
      "constant", "step:every=30,factor=0.1",
      "poly:end=10,power=2",
      "warmup:start=0.01,epochs=1,end=9,power=1",
    ] {
      let s = try LearningRateSchedule(parsing: text)
      #expect(s.description == text)
      #expect(try LearningRateSchedule(parsing: s.description) == s)
    }
  }
}
