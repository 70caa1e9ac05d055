/// A heat map: a value per row × column cell, coloured by a scale with a
/// legend bar. Readable with many rows (a ResNet-50 dump has 108 factors).
package struct HeatMap: Sendable {
  /// A cell to mark with a dot (for example a factor's chosen split).
  package struct Cell: Sendable, Equatable {
    package var row: Int
    package var column: Int

    package init(row: Int, column: Int) {
      self.row = row
      self.column = column
    }
  }

  package var title: String
  package var rowTitle: String
  package var columnTitle: String
  package var rowLabels: [String]
  package var columnLabels: [String]
  /// `values[row][column]`; `nil` for a cell without a value.
  package var values: [[Double?]]
  package var colorScale: ColorScale
  /// Cells marked with a dot, and the legend text for the dot.
  package var marked: [Cell]
  package var markLabel: String
  /// A column outlined (for example the global split), and its label.
  package var outlinedColumn: Int?
  package var outlineLabel: String
  /// What a `nil` cell means, for the legend.
  package var missingLabel: String

  /// Creates a heat map; ``render()`` draws it.
  package init(
    title: String, rowTitle: String, columnTitle: String,
    rowLabels: [String], columnLabels: [String], values: [[Double?]],
    colorScale: ColorScale, marked: [Cell] = [], markLabel: String = "",
    outlinedColumn: Int? = nil, outlineLabel: String = "",
    missingLabel: String = "no value"
  ) {
    precondition(values.count == rowLabels.count, "one value row per label")
    precondition(
      values.allSatisfy { $0.count == columnLabels.count },
      "one value per column")
    self.title = title
    self.rowTitle = rowTitle
    self.columnTitle = columnTitle
    self.rowLabels = rowLabels
    self.columnLabels = columnLabels
    self.values = values
    self.colorScale = colorScale
    self.marked = marked
    self.markLabel = markLabel
    self.outlinedColumn = outlinedColumn
    self.outlineLabel = outlineLabel
    self.missingLabel = missingLabel
  }
}
