import Foundation
import Testing
import ThorFormats
import ThorProfiler

@testable import ThorTuneCLI

@Suite("thor-tune profile (binary)") struct ProfileCommandTests {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("thor-tune-profile-\(UUID().uuidString)")

  func expectUsageError(_ arguments: [String], _ message: String)
    throws
  {
    let outcome = try CommandLineBinary.run(["profile"] + arguments)
    #expect(outcome.status == 64)
    #expect(outcome.stdout.isEmpty)
    #expect(
      outcome.stderr == """
        Error: \(message)
        Usage: thor-tune profile [<options>]
          See 'thor-tune profile --help' for more information.

        """)
  }

  @Test func helpDocumentsEveryOption() throws {
    for arguments in [["profile", "--help"], ["help", "profile"]] {
      let outcome = try CommandLineBinary.run(arguments)
      #expect(outcome.status == 0)
      for option in ProfileCommand.options {
        #expect(outcome.stdout.contains("--\(option.name) "))
      }
      let flat = outcome.stdout.split(whereSeparator: \.isWhitespace)
        .joined(separator: " ")
      #expect(
        flat.contains(
          "(comma-separated, repeatable; default: "
            + "1,16,32,64,128,256,512,1024,2048)"))
    }
  }

  @Test(arguments: [
    ("0", "must be a positive integer"),
    ("-3", "must be a positive integer"),
    ("abc", "expected an integer"),
    ("", "expected an integer"),
  ])
  func badDimsAreUsageErrors(value: String, reason: String) throws {
    try expectUsageError(
      ["--dims", value],
      "The value '\(value)' is invalid for '--dims <n,...>': \(reason).")
  }

  @Test func duplicateDimsAndOtherBadValues() throws {
    try expectUsageError(
      ["--dims=16,32,16"],
      "The value '16' is invalid for '--dims <n,...>': is given twice.")
    try expectUsageError(
      ["--product-others=32,8,32"],
      "The value '32' is invalid for '--product-others <m,...>': "
        + "is given twice.")
    try expectUsageError(
      ["--method", "qr"],
      "The value 'qr' is invalid for '--method <method>': expected one of "
        + "cholesky, lu, eigh.")
    try expectUsageError(
      ["--path", "batched", "--method", "lu"],
      "The value 'batched' is invalid for '--path <path>': needs --method "
        + "cholesky.")
    try expectUsageError(
      ["--threads", "0"],
      "The value '0' is invalid for '--threads <count>': must be positive.")
    try expectUsageError(
      ["--min-time", "nan"],
      "The value 'nan' is invalid for '--min-time <seconds>': expected a "
        + "number.")
  }

  @Test func structuralUsageErrors() throws {
    try expectUsageError(
      ["--dimz", "16"], "Unknown option '--dimz'. Did you mean '--dims'?")
    try expectUsageError(["--dims"], "Missing value for '--dims <n,...>'.")
    try expectUsageError(["extra"], "Unexpected argument 'extra'.")
  }

  @Test func writesAValidProfile() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("sub/p.json")
    let outcome = try CommandLineBinary.run([
      "profile", "--dims", "32,16", "--min-time", "0.01", "--seed", "7",
      "--threads", "1", "--factor-dim", "64", "--out", out.path,
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let rows = outcome.stdout.split(separator: "\n")
      .map { $0.split(separator: " ") }
    // dim, median, min, p90, runs, blocks per run (64 / dim), GFLOP/s
    #expect(rows.contains { $0.count == 7 && $0[0] == "16" && $0[5] == "4" })
    #expect(rows.contains { $0.count == 7 && $0[0] == "32" && $0[5] == "2" })
    #expect(outcome.stderr.contains("Wrote \(out.path)"))

    let profile = try HardwareProfile.load(from: out)
    #expect(profile.results.map(\.dim) == [16, 32])
    #expect(profile.method == .cholesky && profile.dtype == .float32)
    #expect(profile.machine.threads == 1)
    #expect(profile.options["seed"] == "7")
    #expect(profile.options["path"] == "automatic")
    #expect(profile.options["factor_dim"] == "64")
    #expect(profile.options["load_before"]?.split(separator: " ").count == 3)
    for r in profile.results {
      #expect(r.repeats >= InversionProfiler.minimumRuns)
      #expect(r.minMicroseconds <= r.medianMicroseconds)
      let n = Double(r.dim)
      #expect(
        abs(r.gflops - n * n * n / (r.medianMicroseconds * 1e3))
          <= 1e-6 + 1e-3 * r.gflops)
    }
    let files = try FileManager.default.contentsOfDirectory(
      atPath: out.deletingLastPathComponent().path)
    #expect(files == ["p.json"])
  }

  @Test func unwritableOutputIsARuntimeError() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true)
    let blocker = folder.appendingPathComponent("file")
    try Data().write(to: blocker)
    let outcome = try CommandLineBinary.run([
      "profile", "--dims", "4", "--min-time", "0", "--out",
      blocker.appendingPathComponent("p.json").path,
    ])
    // Checked before any profiling: the only output is the error.
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr
        == "Error: cannot create folder '\(blocker.path)': a file is there\n")
  }

  @Test func interruptExits130AndWritesNothing() throws {
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("p.json")
    let process = Process()
    process.executableURL = CommandLineBinary.url
    process.arguments = [
      "profile", "--dims", "1024", "--min-time", "60", "--out", out.path,
    ]
    let err = Pipe()
    process.standardError = err
    process.standardOutput = Pipe()
    try process.run()
    _ = err.fileHandleForReading.availableData  // "Profiling dimension …"
    process.signalAndWait()
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 130)
    let left = try FileManager.default.contentsOfDirectory(
      atPath: folder.path)
    #expect(left.isEmpty)
  }
}
