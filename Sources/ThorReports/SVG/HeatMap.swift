/// A heat map: a value per row × column cell, coloured by a scale with a
/// legend bar. Readable with many rows (a ResNet-50 dump has 108 factors).
public struct HeatMap: Sendable {
  /// A cell to mark with a dot (for example a factor's chosen split).
  public struct Cell: Sendable, Equatable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
      self.row = row
      self.column = column
    }
  }

  public var title: String
  public var rowTitle: String
  public var columnTitle: String
  public var rowLabels: [String]
  public var columnLabels: [String]
  /// `values[row][column]`; `nil` for a cell without a value.
  public var values: [[Double?]]
  public var colorScale: ColorScale
  /// Cells marked with a dot, and the legend text for the dot.
  public var marked: [Cell]
  public var markLabel: String
  /// A column outlined (for example the global split), and its label.
  public var outlinedColumn: Int?
  public var outlineLabel: String
  /// What a `nil` cell means, for the legend.
  public var missingLabel: String

  /// Creates a heat map; ``render()`` draws it.
  public init(
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
