/// A table of plain-text cells: a header row, then rows, each column
/// aligned left or right. ``MarkdownRenderer`` and ``TextTable`` write it.
package struct ReportTable: Equatable, Sendable {
  /// How a column's cells are aligned.
  package enum Alignment: Sendable { case left, right }

  package let header: [String]
  package let alignments: [Alignment]
  package private(set) var rows: [[String]] = []

  /// Creates a table with one header and alignment per column.
  package init(header: [String], alignments: [Alignment]) {
    precondition(header.count == alignments.count, "one alignment a column")
    self.header = header
    self.alignments = alignments
  }

  /// A table whose first `leftColumns` columns are left-aligned and the
  /// others right-aligned.
  init(header: [String], leftColumns: Int = 1) {
    self.init(
      header: header,
      alignments: header.indices.map { $0 < leftColumns ? .left : .right })
  }

  /// Appends a row (one cell per column).
  package mutating func append(_ row: [String]) {
    precondition(row.count == header.count, "one cell a column")
    rows.append(row)
  }
}
