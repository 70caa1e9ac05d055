/// A report as a sequence of blocks, which the reports build and a
/// renderer (``MarkdownRenderer``) writes.
///
/// Text is inline Markdown: code spans and emphasis are kept, so callers
/// escape what is not markup with ``MarkdownRenderer/escape(_:)``. Table
/// cells are plain text; the renderer escapes them.
struct ReportDocument {
  /// An image beside the report: an SVG file and its alternative text.
  struct Image {
    var alt: String
    var file: String
  }

  /// One block of a report.
  enum Block {
    /// A heading of `level` 1 (the title) to 6.
    case heading(level: Int, String)
    case paragraph(String)
    /// A bulleted list, one item a line.
    case list([String])
    case table(ReportTable)
    /// Images shown together, one a line.
    case images([Image])

    /// A block of one image.
    static func image(_ alt: String, file: String) -> Block {
      .images([Image(alt: alt, file: file)])
    }
  }

  var blocks: [Block]
}
