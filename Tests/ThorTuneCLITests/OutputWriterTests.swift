import Foundation
import Testing

@testable import ThorTuneCLI

@Suite("Atomic output") struct OutputWriterTests {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("thor-tune-output-\(UUID().uuidString)")

  func entries(_ url: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
      .sorted()
  }

  @Test func writesCreatesParentsAndReplaces() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("a/b/out.txt")
    try OutputWriter.write(Data("one".utf8), to: file)
    try OutputWriter.write(Data("two".utf8), to: file)
    #expect(try String(contentsOf: file, encoding: .utf8) == "two")
    #expect(entries(file.deletingLastPathComponent()) == ["out.txt"])
  }

  @Test func jsonIsSortedAndPretty() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("x.json")
    try OutputWriter.writeJSON(["b": 1, "a": 2], to: file)
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text == "{\n  \"a\" : 2,\n  \"b\" : 1\n}\n")
  }

  @Test func errorNamesThePath() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let blocker = folder.appendingPathComponent("file")
    try OutputWriter.write(Data(), to: blocker)
    let target = blocker.appendingPathComponent("out.txt")
    #expect(
      throws: OutputError.cannotCreateDirectory(
        path: blocker.path, reason: "a file is there")
    ) {
      try OutputWriter.write(Data("x".utf8), to: target)
    }
  }

  @Test func prepareRejectsAFolderAndCreatesParents() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("a/out.json")
    try OutputWriter.prepare(file)
    #expect(entries(folder) == ["a"])
    #expect(
      throws: OutputError.cannotWrite(
        path: folder.path, reason: "a folder is there")
    ) {
      try OutputWriter.prepare(folder)
    }
  }

  @Test func folderReplacesOldOneWhole() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("report")
    try OutputWriter.writeFolder(at: report) { dir in
      try OutputWriter.write(
        Data("1".utf8), to: dir.appendingPathComponent("old.md"))
    }
    try OutputWriter.writeFolder(at: report) { dir in
      try OutputWriter.write(
        Data("2".utf8), to: dir.appendingPathComponent("new.md"))
    }
    #expect(entries(report) == ["new.md"])
    #expect(entries(folder) == ["report"])
  }

  /// A folder holding what the command does not write, other than old
  /// report files (a log, a subfolder), is not replaced: that would
  /// delete them.
  @Test func folderWithOtherFilesIsNotReplaced() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("report")
    try FileManager.default.createDirectory(
      at: report.appendingPathComponent("logs"),
      withIntermediateDirectories: true)
    try Data("{}\n".utf8).write(to: report.appendingPathComponent("a.jsonl"))
    try Data("old".utf8).write(to: report.appendingPathComponent("old.svg"))
    #expect(
      throws: OutputError.foreignFiles(
        path: report.relativePath, names: ["a.jsonl", "logs"])
    ) {
      try OutputWriter.writeFolder(at: report) { dir in
        try OutputWriter.write(
          Data("2".utf8), to: dir.appendingPathComponent("report.md"))
      }
    }
    #expect(entries(report) == ["a.jsonl", "logs", "old.svg"])
    #expect(entries(folder) == ["report"])
  }

  @Test func failedFillKeepsOldFolderAndLeavesNoTemporary() throws {
    struct Failure: Error {}
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("report")
    try OutputWriter.writeFolder(at: report) { dir in
      try OutputWriter.write(
        Data("1".utf8), to: dir.appendingPathComponent("a.md"))
    }
    #expect(throws: Failure.self) {
      try OutputWriter.writeFolder(at: report) { dir in
        try OutputWriter.write(
          Data("2".utf8), to: dir.appendingPathComponent("b.md"))
        throw Failure()
      }
    }
    #expect(entries(report) == ["a.md"])
    #expect(entries(folder) == ["report"])
  }

  @Test func interruptCleanUpRemovesTheTemporaryFolder() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("report")
    var temporary: URL?
    try OutputWriter.writeFolder(at: report) { dir in
      temporary = dir
      #expect(FileManager.default.fileExists(atPath: dir.path))
      // What SIGINT runs, limited to this test's folder.
      PendingOutputs.shared.cleanUp(under: dir.deletingLastPathComponent())
      #expect(!FileManager.default.fileExists(atPath: dir.path))
      try FileManager.default.createDirectory(
        at: dir, withIntermediateDirectories: false)
    }
    #expect(temporary?.lastPathComponent.hasPrefix(".tmp-report-") == true)
  }
}
