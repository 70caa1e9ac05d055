import Foundation

/// Unbuffered writes to standard output, so output and the exit status
/// never race with a buffer flush.
package enum StandardOutput {
  /// Writes `text` as UTF-8 to standard output.
  package static func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
