/// Word-wrapping for help text.
enum TextWrapping {
  /// The width help text is wrapped to.
  static let width = 80

  /// Wraps `text` into lines of at most `width - indent` characters (longer
  /// words stay whole); blank-line-separated paragraphs stay separate.
  static func wrap(_ text: String, indent: Int = 0, width: Int = width)
    -> [String]
  {
    let room = Swift.max(20, width - indent)
    var lines: [String] = []
    for paragraph in text.components(separatedBy: "\n\n") {
      if !lines.isEmpty { lines.append("") }
      var line = ""
      for word in paragraph.split(whereSeparator: \.isWhitespace) {
        if line.isEmpty {
          line = String(word)
        } else if line.count + 1 + word.count <= room {
          line += " " + word
        } else {
          lines.append(line)
          line = String(word)
        }
      }
      if !line.isEmpty { lines.append(line) }
    }
    return lines
  }
}
