import Testing

@testable import ThorLinalg

@Suite("Duration in seconds") struct DurationSecondsTests {
  @Test func wholeAndFractionalParts() {
    #expect(Duration.milliseconds(1500).inSeconds == 1.5)
    #expect(Duration.seconds(-2).inSeconds == -2)
    // 3 s + 250 ns: the attoseconds part carries the nanoseconds.
    let d = Duration.seconds(3) + .nanoseconds(250)
    #expect(abs(d.inSeconds - 3.000_000_25) < 1e-15)
  }
}
