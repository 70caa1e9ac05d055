/// A plain-text table for human output on stdout: a header row, a rule,
/// and columns padded to their widest cell.
package struct TextTable {
  /// How a column's cells are padded.
  package enum Alignment: Sendable { case left, right }

  private let headers: [String]
  private let alignments: [Alignment]
  private var rows: [[String]] = []

  /// Creates a table with one header and alignment per column.
  package init(headers: [String], alignments: [Alignment]) {
    precondition(headers.count == alignments.count, "one alignment a column")
    self.headers = headers
    self.alignments = alignments
  }

  /// Appends a row (one cell per column).
  package mutating func append(_ row: [String]) {
    precondition(row.count == headers.count, "one cell a column")
    rows.append(row)
  }

  /// The table as lines joined by newlines, ending with a newline.
  package func render() -> String {
    var widths = headers.map(\.count)
    for row in rows {
      for (k, cell) in row.enumerated() {
        widths[k] = max(widths[k], cell.count)
      }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { k, cell in
        let pad = String(repeating: " ", count: widths[k] - cell.count)
        return alignments[k] == .left ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }
    var out = line(headers) + "\n"
    out +=
      widths.map { String(repeating: "-", count: $0) }
      .joined(separator: "  ") + "\n"
    for row in rows { out += line(row) + "\n" }
    return out
  }
}
