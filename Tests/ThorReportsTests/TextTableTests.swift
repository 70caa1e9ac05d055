import Testing

@testable import ThorReports

@Suite("Text tables")
struct TextTableTests {
  @Test func tableAlignsColumns() {
    var table = TextTable(headers: ["dim", "us"], alignments: [.left, .right])
    table.append(["1", "35.0"])
    table.append(["2048", "9824.0"])
    #expect(
      table.render()
        == "dim       us\n----  ------\n1       35.0\n2048  9824.0\n")
  }
}
