import Testing

@testable import ThorReports

@Suite("Number text") struct NumberTextTests {
  @Test(arguments: [
    (37699.965, "37700"), (259335.685, "259336"), (5968.537, "5969"),
    (91.526, "91.53"), (0.161, "0.161"), (1.5, "1.5"), (120.0, "120"),
    (2.15e6, "2.15e6"), (0.00005, "5e-5"),
  ])
  func fourSignificantDigits(value: Double, text: String) {
    #expect(NumberText.short(value) == text)
  }
}

@Suite("Number formats") struct NumberFormatTests {
  @Test(arguments: [
    (999.94, "999.9 µs"), (1500.0, "1.50 ms"), (2.5e6, "2.500 s"),
  ])
  func durationPicksItsUnit(microseconds: Double, text: String) {
    #expect(NumberText.duration(microseconds: microseconds) == text)
  }

  @Test(arguments: [
    (3.0, "3"), (2.5, "2.5"), (0.125, "0.13"), (-0.001, "0"),
  ])
  func coordinateHasAtMostTwoDecimals(value: Double, text: String) {
    #expect(NumberText.coordinate(value) == text)
  }

  @Test func ticksNearZeroHaveNoSign() {
    #expect(NumberText.unsignedZero(-0.04, decimals: 1) == "0.0")
    #expect(NumberText.unsignedZero(-0.06, decimals: 1) == "-0.1")
  }

  @Test func ratiosAndFractions() {
    #expect(NumberText.percent(0.9431) == "94.31%")
    #expect(NumberText.thresholdPercent(0.905) == "90.5%")
    #expect(NumberText.speedUp(2000.0 / 500) == "4.00×")
    #expect(NumberText.speedUp(.infinity) == "—")
    #expect(NumberText.scientific(0.000123) == "1.23e-04")
    #expect(NumberText.hexByte(10) == "0a")
  }
}
