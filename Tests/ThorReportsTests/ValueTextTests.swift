import Testing

@testable import ThorReports

@Suite("Value text") struct ValueTextTests {
  @Test(arguments: [
    (37699.965, "37700"), (259335.685, "259336"), (5968.537, "5969"),
    (91.526, "91.53"), (0.161, "0.161"), (1.5, "1.5"), (120.0, "120"),
    (2.15e6, "2.15e6"), (0.00005, "5e-5"),
  ])
  func fourSignificantDigits(value: Double, text: String) {
    #expect(ValueText.short(value) == text)
  }
}
