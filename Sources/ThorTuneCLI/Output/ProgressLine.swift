/// Progress messages on standard error: one line updated in place when
/// stderr is a terminal, one plain line per update otherwise (logs, CI,
/// pipes).
package final class ProgressLine {
  private let isTerminal: Bool
  private var isShowing = false

  /// Creates a progress line; `isTerminal` defaults to whether stderr is
  /// a terminal.
  package init(isTerminal: Bool = StandardError.isTerminal) {
    self.isTerminal = isTerminal
  }

  /// Shows `text` as the current progress.
  package func update(_ text: String) {
    if isTerminal {
      StandardError.write("\r\u{1B}[2K" + text)
      isShowing = true
    } else {
      StandardError.write(text + "\n")
    }
  }

  /// Clears the updating line, then writes `text` (if any) as a permanent
  /// line.
  package func finish(_ text: String? = nil) {
    if isShowing {
      StandardError.write("\r\u{1B}[2K")
      isShowing = false
    }
    if let text { StandardError.write(text + "\n") }
  }
}
