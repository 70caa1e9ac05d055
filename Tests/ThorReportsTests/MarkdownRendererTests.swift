import Testing

@testable import ThorReports

@Suite("Markdown renderer") struct MarkdownRendererTests {
  @Test func blocksAreSeparatedByABlankLine() {
    var table = ReportTable(header: ["name", "n"])
    table.append(["a|b", "12"])
    let document = ReportDocument(blocks: [
      .heading(level: 1, "Title"), .list(["one", "two"]),
      .heading(level: 2, "Part"), .table(table), .paragraph("Some *text*."),
      .images([
        .init(alt: "first", file: "a.svg"), .init(alt: "second", file: "b.svg"),
      ]),
    ])
    #expect(
      MarkdownRenderer.render(document) == """
        # Title

        - one
        - two

        ## Part

        | name | n |
        | --- | ---: |
        | a\\|b | 12 |

        Some *text*.

        ![first](a.svg)
        ![second](b.svg)

        """)
  }
}
