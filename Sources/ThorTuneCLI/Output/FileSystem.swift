import Foundation

/// The POSIX calls behind ``OutputWriter``, with errors that carry the
/// system's reason (`strerror`). Calls that create, fill or rename files
/// run as ``PendingOutputs`` steps, so an interrupt's clean-up never runs
/// in the middle of one.
enum FileSystem {
  /// Creates `url` and its missing parents (`mkdir -p`).
  static func makeFolders(_ url: URL) throws(OutputError) {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
    {
      guard isFolder.boolValue else {
        throw .cannotCreateDirectory(path: url.path, reason: "a file is there")
      }
      return
    }
    let parent = url.deletingLastPathComponent()
    if parent.path != url.path { try makeFolders(parent) }
    try makeFolder(url)
  }

  /// Creates the single folder `url` (`mkdir`); an existing folder is fine.
  static func makeFolder(_ url: URL) throws(OutputError) {
    try PendingOutputs.shared.exclusively { () throws(OutputError) in
      if mkdir(url.path, 0o755) != 0 && errno != EEXIST {
        throw .cannotCreateDirectory(path: url.path, reason: reason())
      }
    }
  }

  /// Creates the new file `url` with `data`; errors name `reported`.
  static func writeNew(_ data: Data, to url: URL, reportedAs reported: URL)
    throws(OutputError)
  {
    try PendingOutputs.shared.exclusively { () throws(OutputError) in
      try writeNewFile(data, to: url, reportedAs: reported)
    }
  }

  /// ``writeNew(_:to:reportedAs:)`` without the exclusion.
  private static func writeNewFile(
    _ data: Data, to url: URL, reportedAs reported: URL
  ) throws(OutputError) {
    let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw .cannotWrite(path: reported.path, reason: reason())
    }
    var failure: String?
    data.withUnsafeBytes { bytes in
      var offset = 0
      while offset < bytes.count {
        let n = Glibc.write(
          fd, bytes.baseAddress! + offset, bytes.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failure = reason()
          return
        }
        offset += n
      }
    }
    if close(fd) != 0 && failure == nil { failure = reason() }
    if let failure { throw .cannotWrite(path: reported.path, reason: failure) }
  }

  /// Renames `from` to `to` (atomic within one file system).
  static func rename(_ from: URL, to: URL) throws(OutputError) {
    try PendingOutputs.shared.exclusively { () throws(OutputError) in
      if Glibc.rename(from.path, to.path) != 0 {
        throw .cannotReplace(path: to.path, reason: reason())
      }
    }
  }

  /// Removes a file or folder tree, ignoring errors (clean-up only).
  static func remove(_ url: URL) {
    try? FileManager.default.removeItem(at: url)
  }

  /// The current `errno` as text.
  private static func reason() -> String { String(cString: strerror(errno)) }
}
