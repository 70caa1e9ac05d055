import Foundation

/// Writes output files and folders atomically: the content goes to a
/// temporary sibling (`.tmp-…` in the same folder) that is renamed into
/// place only when complete. Readers never see half-written output, and
/// an interrupted command (Ctrl-C, SIGTERM) leaves the old output intact
/// and no temporary file behind.
package enum OutputWriter {
  /// Checks, before long work, that `url` can be written later: creates
  /// its missing parent folders and checks that the folder is writable and
  /// that `url` is not a folder.
  /// - Throws: ``OutputError`` naming the path and the reason.
  package static func prepare(_ url: URL) throws(OutputError) {
    let folder = url.deletingLastPathComponent()
    try FileSystem.makeFolders(folder)
    if access(folder.path, W_OK) != 0 {
      throw .cannotWrite(
        path: url.path, reason: String(cString: strerror(errno)))
    }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
      isFolder.boolValue
    {
      throw .cannotWrite(path: url.path, reason: "a folder is there")
    }
  }

  /// Writes `data` to `url`, creating missing parent folders.
  /// - Throws: ``OutputError`` naming the path and the system's reason.
  package static func write(_ data: Data, to url: URL) throws(OutputError) {
    let folder = url.deletingLastPathComponent()
    try FileSystem.makeFolders(folder)
    let temporary = temporarySibling(of: url)
    let token = PendingOutputs.shared.register(temporary) {
      FileSystem.remove(temporary)
    }
    defer { PendingOutputs.shared.resolve(token) }
    do {
      try FileSystem.writeNew(data, to: temporary, reportedAs: url)
      try FileSystem.rename(temporary, to: url)
    } catch {
      FileSystem.remove(temporary)
      throw error
    }
  }

  /// Encodes `value` as pretty-printed JSON with sorted keys, unescaped
  /// slashes and a final newline, and writes it to `url`.
  /// - Throws: ``OutputError``.
  package static func writeJSON<T: Encodable>(_ value: T, to url: URL)
    throws(OutputError)
  {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [
      .prettyPrinted, .sortedKeys, .withoutEscapingSlashes,
    ]
    var data: Data
    do {
      data = try encoder.encode(value)
    } catch {
      throw .cannotEncode(path: url.path, reason: "\(error)")
    }
    data.append(UInt8(ascii: "\n"))
    try write(data, to: url)
  }

  /// Builds a folder of files in a temporary sibling folder with `fill`,
  /// then renames it to `url`, replacing a folder already there.
  /// - Throws: ``OutputError``, or whatever `fill` throws (the temporary
  ///   folder is then removed and an existing folder kept).
  package static func writeFolder(at url: URL, _ fill: (URL) throws -> Void)
    throws
  {
    try FileSystem.makeFolders(url.deletingLastPathComponent())
    let temporary = temporarySibling(of: url)
    let token = PendingOutputs.shared.register(temporary) {
      FileSystem.remove(temporary)
    }
    defer { PendingOutputs.shared.resolve(token) }
    do {
      try FileSystem.makeFolder(temporary)
      try fill(temporary)
      try refuseForeignFiles(in: url, keeping: temporary)
      try replace(url, with: temporary)
    } catch {
      FileSystem.remove(temporary)
      throw error
    }
  }

  /// Refuses to replace a folder at `url` that holds entries the new
  /// folder does not and that are not report files (`.md`, `.svg`,
  /// `.json`, which an earlier report may have left): replacing it would
  /// delete them (a training log, a dump, a folder).
  private static func refuseForeignFiles(in url: URL, keeping new: URL)
    throws(OutputError)
  {
    let files = FileManager.default
    guard let old = try? files.contentsOfDirectory(atPath: url.path) else {
      return
    }
    let written = Set((try? files.contentsOfDirectory(atPath: new.path)) ?? [])
    let reportFiles: Set<String> = ["md", "svg", "json"]
    let foreign = old.filter { name in
      var isFolder: ObjCBool = false
      _ = files.fileExists(
        atPath: url.appendingPathComponent(name).path, isDirectory: &isFolder)
      let replaceable =
        !isFolder.boolValue
        && reportFiles.contains(URL(fileURLWithPath: name).pathExtension)
      return !written.contains(name) && !replaceable
    }.sorted()
    guard foreign.isEmpty else {
      throw .foreignFiles(path: url.relativePath, names: foreign)
    }
  }

  /// Moves the finished folder `temporary` to `url`. An existing folder is
  /// first moved aside, and moved back if the rename fails or the process
  /// is interrupted in between (the action is registered first, so an
  /// interrupt just after the first rename finds it).
  private static func replace(_ url: URL, with temporary: URL)
    throws(OutputError)
  {
    guard FileManager.default.fileExists(atPath: url.path) else {
      try FileSystem.rename(temporary, to: url)
      return
    }
    let old = temporarySibling(of: url)
    let token = PendingOutputs.shared.register(old) {
      if FileManager.default.fileExists(atPath: url.path) {
        FileSystem.remove(old)
      } else {
        try? FileSystem.rename(old, to: url)
      }
    }
    defer { PendingOutputs.shared.resolve(token) }
    try FileSystem.rename(url, to: old)
    do {
      try FileSystem.rename(temporary, to: url)
    } catch {
      try? FileSystem.rename(old, to: url)
      throw error
    }
    FileSystem.remove(old)
  }

  /// A unique hidden name next to `url`: `.tmp-<name>-<pid>-<random>`.
  static func temporarySibling(of url: URL) -> URL {
    let unique = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    return url.deletingLastPathComponent().appendingPathComponent(
      ".tmp-\(url.lastPathComponent)-\(unique)")
  }
}
