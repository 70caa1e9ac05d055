import Foundation

/// Runs the built `thor-tune` executable and captures what it prints.
enum CommandLineBinary {
  /// What one run printed and returned.
  struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The `thor-tune` executable next to the test bundle (SwiftPM puts
  /// both in `.build/<configuration>/`).
  static var url: URL {
    let bundleFolder = Bundle.main.bundleURL.deletingLastPathComponent()
    let candidates = [
      bundleFolder.appendingPathComponent("thor-tune"),
      Bundle.main.bundleURL.appendingPathComponent("thor-tune"),
      URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../.build/debug/thor-tune").standardized,
    ]
    return candidates.first {
      FileManager.default.isExecutableFile(atPath: $0.path)
    } ?? candidates[0]
  }

  /// Runs `thor-tune` with `arguments` and waits for it to exit, in
  /// `folder` when given and with `environment` added to this process's.
  static func run(
    _ arguments: [String], in folder: URL? = nil,
    environment: [String: String] = [:]
  ) throws -> Outcome {
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment
        .merging(environment) { $1 }
    }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus,
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}

extension Process {
  /// Sends `signal` (SIGINT by default) and waits for the exit; a process
  /// still running after `limit` seconds (the signal was not handled) is
  /// killed, so a failing test reports instead of hanging and leaves no
  /// runaway process writing files.
  func signalAndWait(_ signal: Int32 = SIGINT, limit: TimeInterval = 60) {
    kill(processIdentifier, signal)
    let deadline = Date().addingTimeInterval(limit)
    while isRunning && Date() < deadline { usleep(10_000) }
    if isRunning { kill(processIdentifier, SIGKILL) }
    waitUntilExit()
  }
}
