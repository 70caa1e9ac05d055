import Foundation

/// Unbuffered writes to standard error: errors, warnings and progress.
package enum StandardError {
  /// Writes `text` as UTF-8 to standard error.
  package static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Whether standard error is a terminal (progress can then update one
  /// line in place).
  package static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
