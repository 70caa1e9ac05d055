import Foundation
import Testing
import ThorSafetensors

@testable import ThorTuneCLI

/// ``OutputWriter`` when the file system says no: a read-only folder, a
/// folder where the file should go, a full disk, and SIGTERM while the
/// built `thor-tune` writes a large file. Each case checks that the
/// previous output is left intact and that no `.tmp-*` entry is left.
///
/// The tests run as root, where permission bits do not stop writes: a
/// read-only folder is made immutable (`chattr +i`), a full disk is a
/// 64 KB tmpfs mounted inside the test's own folder. Where the machine
/// does not allow that, the test is skipped with the reason.
@Suite("Output writer faults") struct OutputWriterFaultTests {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("thor-tune-fault-\(UUID().uuidString)")

  init() throws {
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true)
  }

  /// The names in `url`, sorted.
  func entries(_ url: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
      .sorted()
  }

  /// The `.tmp-*` entries anywhere under `url`.
  func temporaries(under url: URL) -> [String] {
    let walker = FileManager.default.enumerator(atPath: url.path)
    return (walker?.allObjects as? [String] ?? []).filter {
      URL(fileURLWithPath: $0).lastPathComponent.hasPrefix(".tmp-")
    }
  }

  /// Creates the folder `parent` with a previous file `out.json` and a
  /// previous report folder `report/` holding `old.md`.
  func previousOutputs(in parent: URL) throws {
    try FileManager.default.createDirectory(
      at: parent, withIntermediateDirectories: false)
    let file = parent.appendingPathComponent("out.json")
    try Data("previous\n".utf8).write(to: file)
    let report = parent.appendingPathComponent("report")
    try FileManager.default.createDirectory(
      at: report, withIntermediateDirectories: false)
    try Data("old report\n".utf8).write(
      to: report.appendingPathComponent("old.md"))
  }

  /// Checks that ``previousOutputs(in:)``'s outputs are unchanged and that
  /// nothing else is in `parent`.
  func expectPreviousOutputsIntact(in parent: URL) throws {
    #expect(entries(parent) == ["out.json", "report"])
    #expect(
      try String(
        contentsOf: parent.appendingPathComponent("out.json"),
        encoding: .utf8) == "previous\n")
    let report = parent.appendingPathComponent("report")
    #expect(entries(report) == ["old.md"])
    #expect(
      try String(
        contentsOf: report.appendingPathComponent("old.md"),
        encoding: .utf8) == "old report\n")
    #expect(temporaries(under: parent).isEmpty)
  }

  /// `error`'s message with the random part of a temporary folder's name
  /// (`.tmp-report-<pid>-<random>`) masked as `*`.
  func masked(_ error: any Error) -> String {
    "\(error)".replacing(/\.tmp-report-[0-9]+-[0-9]+/, with: ".tmp-report-*")
  }

  /// Tries all three writers on the previous outputs in `parent`, each
  /// with `bytes` bytes of content; returns what each threw.
  func writeEverything(in parent: URL, bytes: Int) -> [any Error] {
    let file = parent.appendingPathComponent("out.json")
    let report = parent.appendingPathComponent("report")
    var errors: [any Error] = []
    do {
      try OutputWriter.write(Data(repeating: 0x61, count: bytes), to: file)
    } catch { errors.append(error) }
    do {
      try OutputWriter.writeJSON(
        [String](repeating: "x", count: bytes / 6), to: file)
    } catch { errors.append(error) }
    do {
      try OutputWriter.writeFolder(at: report) { dir in
        try OutputWriter.write(
          Data(repeating: 0x62, count: bytes),
          to: dir.appendingPathComponent("new.md"))
      }
    } catch { errors.append(error) }
    return errors
  }

  /// Runs ``writeEverything(in:bytes:)`` and checks that each writer
  /// failed with the system's reason for `code`: the file writers naming
  /// the file, the folder writer with `folderError` naming `folderPath`
  /// (in `parent`; `*` is the random part of the temporary name).
  func expectEveryWriterFails(
    in parent: URL, bytes: Int, code: Int32,
    folderError: (String, String) -> OutputError, folderPath: String
  ) {
    let errors = writeEverything(in: parent, bytes: bytes)
    let reason = String(cString: strerror(code))
    let file = parent.appendingPathComponent("out.json").path
    let expected: [OutputError] = [
      .cannotWrite(path: file, reason: reason),
      .cannotWrite(path: file, reason: reason),
      folderError(parent.appendingPathComponent(folderPath).path, reason),
    ]
    #expect(errors.map(masked) == expected.map(masked))
  }

  @Test(
    .enabled(
      if: FaultMachine.canMakeImmutable,
      "needs chattr +i on the temporary folder's file system"))
  func readOnlyFolderKeepsThePreviousOutputs() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let parent = folder.appendingPathComponent("read-only")
    try previousOutputs(in: parent)
    #expect(FaultMachine.run("/usr/bin/chattr", ["+i", parent.path]))
    defer { _ = FaultMachine.run("/usr/bin/chattr", ["-i", parent.path]) }
    expectEveryWriterFails(
      in: parent, bytes: 100, code: EPERM,
      folderError: OutputError.cannotCreateDirectory,
      folderPath: ".tmp-report-*")
    try expectPreviousOutputsIntact(in: parent)
  }

  @Test func folderAtTheOutputPathIsKept() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("out.json")
    try FileManager.default.createDirectory(
      at: target, withIntermediateDirectories: false)
    try Data("inside\n".utf8).write(
      to: target.appendingPathComponent("kept.txt"))
    let isFolder = String(cString: strerror(EISDIR))
    #expect(
      throws: OutputError.cannotReplace(
        path: target.path, reason: isFolder)
    ) {
      try OutputWriter.write(Data("new\n".utf8), to: target)
    }
    #expect(
      throws: OutputError.cannotReplace(
        path: target.path, reason: isFolder)
    ) {
      try OutputWriter.writeJSON(["a": 1], to: target)
    }
    // prepare() refuses it before any work.
    #expect(
      throws: OutputError.cannotWrite(
        path: target.path, reason: "a folder is there")
    ) {
      try OutputWriter.prepare(target)
    }
    #expect(entries(folder) == ["out.json"])
    #expect(entries(target) == ["kept.txt"])
    #expect(
      try String(
        contentsOf: target.appendingPathComponent("kept.txt"),
        encoding: .utf8) == "inside\n")
    #expect(temporaries(under: folder).isEmpty)
  }

  @Test(
    .enabled(
      if: FaultMachine.canMountTmpfs,
      "needs mount -t tmpfs (root with CAP_SYS_ADMIN)"))
  func fullDiskKeepsThePreviousOutputs() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let disk = folder.appendingPathComponent("disk")
    try FileManager.default.createDirectory(
      at: disk, withIntermediateDirectories: false)
    try #require(FaultMachine.mountTmpfs(at: disk))
    defer { FaultMachine.unmount(disk) }
    let parent = disk.appendingPathComponent("outputs")
    try previousOutputs(in: parent)
    // The folder's file fails inside the temporary folder, named so.
    expectEveryWriterFails(
      in: parent, bytes: 1 << 20, code: ENOSPC,
      folderError: OutputError.cannotWrite,
      folderPath: ".tmp-report-*/new.md")
    try expectPreviousOutputsIntact(in: parent)
    // The space the failed writes took is free again.
    try OutputWriter.write(
      Data(repeating: 0x63, count: 32 << 10),
      to: disk.appendingPathComponent("after.bin"))
  }

  /// SIGTERM while `train` writes a 36 MB factor dump over a previous
  /// file: the signal is sent as soon as the dump's temporary file
  /// appears. Status 143, no temporary file, and the path holds either the
  /// previous file or the complete new dump (the write under way finishes
  /// first, and the rename after it may still run), never a partial one.
  @Test func sigtermDuringAWriteLeavesNoPartialFile() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = try SyntheticImages.write(in: folder)
    let out = folder.appendingPathComponent("out")
    try FileManager.default.createDirectory(
      at: out, withIntermediateDirectories: false)
    let dump = out.appendingPathComponent("f.safetensors")
    let previous = Data("previous dump\n".utf8)
    var caught = 0
    for attempt in 1...4 where caught == 0 {
      try previous.write(to: dump)
      let process = Process()
      process.executableURL = CommandLineBinary.url
      process.arguments = [
        "train", "--data", data.path, "--model", "mlp:784,2048,10",
        "--optimizer", "kfac", "--epochs", "1", "--batch-size", "512",
        "--threads", "1", "--dump-factors", dump.path,
      ]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      var sawTemporary = false
      let deadline = Date().addingTimeInterval(120)
      while process.isRunning && Date() < deadline {
        if entries(out).contains(where: { $0.hasPrefix(".tmp-") }) {
          sawTemporary = true
          break
        }
        usleep(200)
      }
      if process.isRunning { process.signalAndWait(SIGTERM) }
      process.waitUntilExit()
      let names = entries(out)
      #expect(names == ["f.safetensors"], "attempt \(attempt)")
      guard sawTemporary else { continue }  // finished or hung: again
      caught += 1
      #expect(process.terminationReason == .exit)
      #expect(process.terminationStatus == 143)
      let now = try Data(contentsOf: dump)
      let kept = now == previous  // a Bool: no 36 MB diff on failure
      // An interrupted command leaves the old output intact: once the
      // clean-up is under way, no further step (the rename) starts.
      #expect(kept, "the previous file was replaced")
    }
    #expect(caught == 1, "the dump's temporary file was never seen")
  }
}

/// What this machine allows the fault tests to do, probed once.
enum FaultMachine {
  /// Runs `tool` with `arguments`, output discarded; true on status 0.
  static func run(_ tool: String, _ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return false }
    process.waitUntilExit()
    return process.terminationReason == .exit
      && process.terminationStatus == 0
  }

  /// Unmounts `url` (lazily if it is busy).
  static func unmount(_ url: URL) {
    if !run("/usr/bin/umount", [url.path]) {
      _ = run("/usr/bin/umount", ["-l", url.path])
    }
  }

  /// A fresh folder for a probe; removed by `body`'s caller.
  private static func probe(_ body: (URL) -> Bool) -> Bool {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("thor-tune-probe-\(UUID().uuidString)")
    guard
      (try? FileManager.default.createDirectory(
        at: url, withIntermediateDirectories: false)) != nil
    else { return false }
    defer { try? FileManager.default.removeItem(at: url) }
    return body(url)
  }

  /// Whether `chattr +i` makes a folder immutable here (and really stops
  /// creating files in it, as it does even for root).
  static let canMakeImmutable: Bool = probe { url in
    guard run("/usr/bin/chattr", ["+i", url.path]) else { return false }
    defer { _ = run("/usr/bin/chattr", ["-i", url.path]) }
    return !FileManager.default.createFile(
      atPath: url.appendingPathComponent("x").path, contents: nil)
  }

  /// Mounts a 64 KB tmpfs at the folder `url`; true if it worked.
  static func mountTmpfs(at url: URL) -> Bool {
    run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", url.path])
  }

  /// Whether a tmpfs can be mounted in a temporary folder here.
  static let canMountTmpfs: Bool = probe { url in
    guard mountTmpfs(at: url) else { return false }
    unmount(url)
    return true
  }
}
