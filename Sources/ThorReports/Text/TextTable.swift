/// A plain-text table for human output on stdout: a header row, a rule,
/// and columns padded to their widest cell.
package struct TextTable {
  /// How a column's cells are padded.
  package typealias Alignment = ReportTable.Alignment

  /// The cells.
  package private(set) var table: ReportTable

  /// Creates a table with one header and alignment per column.
  package init(headers: [String], alignments: [Alignment]) {
    table = ReportTable(header: headers, alignments: alignments)
  }

  /// Appends a row (one cell per column).
  package mutating func append(_ row: [String]) {
    table.append(row)
  }

  /// The table as lines joined by newlines, ending with a newline.
  package func render() -> String {
    var widths = table.header.map(\.count)
    for row in table.rows {
      for (k, cell) in row.enumerated() {
        widths[k] = max(widths[k], cell.count)
      }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { k, cell in
        let pad = String(repeating: " ", count: widths[k] - cell.count)
        return table.alignments[k] == .left ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }
    var out = line(table.header) + "\n"
    out +=
      widths.map { String(repeating: "-", count: $0) }
      .joined(separator: "  ") + "\n"
    for row in table.rows { out += line(row) + "\n" }
    return out
  }
}
