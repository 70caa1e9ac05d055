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

  /// Unlike ``MarkdownRenderer``, the text table writes cells unescaped.
  @Test func cellsAreNotEscaped() {
    var table = TextTable(headers: ["name", "n"], alignments: [.left, .right])
    table.append(["a|b", "12"])
    #expect(table.render() == "name   n\n----  --\na|b   12\n")
  }
}
