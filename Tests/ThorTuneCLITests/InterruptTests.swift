import Foundation
import Testing
import ThorSafetensors

@testable import ThorTuneCLI

/// Ctrl-C (SIGINT) in the middle of real work: the built `thor-tune`
/// exits with 130 and leaves no partial or temporary output. The slower
/// cases (plan, report, interrupts at random moments) are in
/// Tests/Fuzz/sigint-check.sh.
@Suite("Interrupting thor-tune (binary)") struct InterruptTests {
  let root = FileManager.default.temporaryDirectory
    .appendingPathComponent("thor-tune-interrupt-\(UUID().uuidString)")
  var out: URL { root.appendingPathComponent("out") }

  init() throws {
    try FileManager.default.createDirectory(
      at: out, withIntermediateDirectories: true)
  }

  /// The names in the output folder, sorted.
  func entries() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
  }

  @Test func profileKeepsTheEarlierProfile() throws {
    defer { try? FileManager.default.removeItem(at: root) }
    let file = out.appendingPathComponent("p.json")
    try Data("earlier\n".utf8).write(to: file)
    let run = try BackgroundRun(
      [
        "profile", "--dims", "600", "--min-time", "60", "--threads", "1",
        "-o", file.path,
      ], stderr: root.appendingPathComponent("stderr"))
    #expect(run.waitFor { $0.contains("Profiling dimension 600") })
    Thread.sleep(forTimeInterval: 0.2)
    #expect(run.interrupt() == 130)
    #expect(try entries() == ["p.json"])
    #expect(try String(contentsOf: file, encoding: .utf8) == "earlier\n")
  }

  @Test func trainLogHoldsWholeEpochs() throws {
    defer { try? FileManager.default.removeItem(at: root) }
    let data = try SyntheticImages.write(in: root)
    let log = out.appendingPathComponent("log.jsonl")
    let run = try BackgroundRun(
      [
        "train", "--data", data.path, "--model", "mlp:784,16,10",
        "--epochs", "100000", "--batch-size", "64", "--threads", "1",
        "--log", log.path,
      ], stderr: root.appendingPathComponent("stderr"))
    #expect(
      run.waitFor { _ in
        FileManager.default.fileExists(atPath: log.path)
      })
    #expect(run.interrupt() == 130)
    #expect(try entries() == ["log.jsonl"])
    let text = try String(contentsOf: log, encoding: .utf8)
    #expect(text.hasSuffix("\n"))
    let epochs = try text.split(separator: "\n").map { line in
      let record = try JSONSerialization.jsonObject(with: Data(line.utf8))
      return (record as? [String: Any])?["epoch"] as? Int
    }
    #expect(!epochs.isEmpty)
    #expect(epochs == (1...epochs.count).map { $0 })
  }

  @Test func dumpSeriesHoldsCompleteDumps() throws {
    defer { try? FileManager.default.removeItem(at: root) }
    let data = try SyntheticImages.write(in: root)
    let run = try BackgroundRun(
      [
        "train", "--data", data.path, "--model", "mlp:784,32,10",
        "--optimizer", "kfac", "--epochs", "100000", "--batch-size", "64",
        "--threads", "1", "--dump-every", "1",
        "--dump-factors", out.appendingPathComponent("f.safetensors").path,
      ],
      stderr: root.appendingPathComponent("stderr"))
    // Finished dumps only: a dump being written (.tmp-*) goes on SIGINT.
    #expect(
      run.waitFor { _ in
        ((try? entries())?.filter { !$0.hasPrefix(".tmp-") }.count ?? 0) >= 3
      })
    #expect(run.interrupt() == 130)
    let names = try entries()
    #expect(names.count >= 3)
    for name in names {
      #expect(name.hasPrefix("f-step") && name.hasSuffix(".safetensors"))
      let file = try SafetensorsFile(
        contentsOf: out.appendingPathComponent(name))
      #expect(file.metadata["format"] == "thor-tune/factors")
      #expect(file.tensors.count == 4)
    }
  }

  /// The interrupt's clean-up runs between file-system steps on pending
  /// outputs, never during one (else it could remove a temporary file
  /// just before the step creates it).
  @Test func cleanUpWaitsForAStepUnderWay() {
    let pending = PendingOutputs()  // not .shared: other tests write
    let started = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    let stepDone = Flag()
    let sawStepDone = Flag()
    let folder = URL(fileURLWithPath: "/pending")
    let token = pending.register(folder.appendingPathComponent("out")) {
      if stepDone.value { sawStepDone.set() }
    }
    DispatchQueue.global().async {
      started.wait()
      pending.cleanUp(under: folder)
      finished.signal()
    }
    pending.exclusively {
      started.signal()
      Thread.sleep(forTimeInterval: 0.2)
      stepDone.set()
    }
    finished.wait()
    pending.resolve(token)
    #expect(sawStepDone.value)
  }
}

/// A boolean shared between threads.
private final class Flag: @unchecked Sendable {
  private let lock = NSLock()
  private var state = false
  var value: Bool { lock.withLock { state } }
  func set() { lock.withLock { state = true } }
}

/// `thor-tune` running in the background with stderr in a file.
private struct BackgroundRun {
  let process = Process()
  let stderr: URL

  init(_ arguments: [String], stderr: URL) throws {
    self.stderr = stderr
    let created = FileManager.default.createFile(
      atPath: stderr.path, contents: nil)
    precondition(created, "cannot create \(stderr.path)")
    process.executableURL = CommandLineBinary.url
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: stderr)
    try process.run()
  }

  /// Waits up to a minute until `condition` holds for stderr so far;
  /// false if it never does or the process exits first.
  func waitFor(_ condition: (String) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline && process.isRunning {
      let text = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
      if condition(text) { return true }
      Thread.sleep(forTimeInterval: 0.02)
    }
    return false
  }

  /// Sends SIGINT and returns the exit status (-1 when a signal killed it).
  func interrupt() -> Int32 {
    process.signalAndWait()
    return process.terminationReason == .exit ? process.terminationStatus : -1
  }
}

/// A tiny Fashion-MNIST look-alike: the four IDX files, uncompressed, of
/// 512 training and 64 test images of seeded noise with 10 labels
/// (also used by OutputWriterFaultTests).
enum SyntheticImages {
  static func write(in root: URL) throws -> URL {
    let folder = root.appendingPathComponent("data")
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true)
    var state: UInt64 = 42
    func next() -> UInt8 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 56)
    }
    for (prefix, count) in [("train", 512), ("t10k", 64)] {
      let images =
        header(0x0803, [count, 28, 28])
        + (0..<count * 784).map { _ in next() }
      let labels =
        header(0x0801, [count])
        + (0..<count).map { _ in
          next() % 10
        }
      try Data(images).write(
        to: folder.appendingPathComponent("\(prefix)-images-idx3-ubyte"))
      try Data(labels).write(
        to: folder.appendingPathComponent("\(prefix)-labels-idx1-ubyte"))
    }
    return folder
  }

  /// An IDX header: the magic number, then the sizes, big-endian.
  static func header(_ magic: Int, _ sizes: [Int]) -> [UInt8] {
    ([magic] + sizes).flatMap { value in
      [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }
  }
}
