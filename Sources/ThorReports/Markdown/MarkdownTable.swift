/// A GitHub-flavoured Markdown table.
struct MarkdownTable {
  enum Alignment { case left, right }

  var header: [String]
  var alignments: [Alignment]
  var rows: [[String]] = []

  /// A table whose first `leftColumns` columns are left-aligned and the
  /// others right-aligned.
  init(header: [String], leftColumns: Int = 1) {
    self.header = header
    alignments = header.indices.map { $0 < leftColumns ? .left : .right }
  }

  mutating func append(_ row: [String]) {
    precondition(row.count == header.count, "one cell per column")
    rows.append(row)
  }

  /// The table's Markdown, ending with a newline.
  func render() -> String {
    func line(_ cells: [String]) -> String {
      "| " + cells.map(Self.escape).joined(separator: " | ") + " |\n"
    }
    var out = line(header)
    out +=
      "|"
      + alignments.map { $0 == .left ? " --- |" : " ---: |" }
      .joined() + "\n"
    for row in rows { out += line(row) }
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
