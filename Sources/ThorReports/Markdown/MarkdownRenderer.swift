/// Writes a ``ReportDocument`` as GitHub-flavoured Markdown: each block
/// ends with a newline, and a blank line separates blocks.
enum MarkdownRenderer {
  /// The document's Markdown.
  static func render(_ document: ReportDocument) -> String {
    document.blocks.map(render).joined(separator: "\n")
  }

  /// One block's Markdown, ending with a newline.
  static func render(_ block: ReportDocument.Block) -> String {
    switch block {
    case .heading(let level, let text):
      String(repeating: "#", count: level) + " " + text + "\n"
    case .paragraph(let text):
      text + "\n"
    case .list(let items):
      items.map { "- " + $0 + "\n" }.joined()
    case .table(let table):
      render(table)
    case .images(let images):
      images.map { "![\($0.alt)](\($0.file))\n" }.joined()
    }
  }

  /// A table with escaped cells and an alignment row.
  static func render(_ table: ReportTable) -> String {
    func line(_ cells: [String]) -> String {
      "| " + cells.map(escape).joined(separator: " | ") + " |\n"
    }
    var out = line(table.header)
    out +=
      "|"
      + table.alignments.map { $0 == .left ? " --- |" : " ---: |" }
      .joined() + "\n"
    for row in table.rows { out += line(row) }
    return out
  }

  /// Escapes what would break a table cell or start Markdown markup.
  static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "|", "\\", "*", "_", "`", "<", ">", "[", "]":
        out += "\\\(character)"
      case "\n", "\r": out += " "
      default: out.append(character)
      }
    }
    return out
  }
}
