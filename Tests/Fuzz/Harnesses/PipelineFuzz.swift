import Foundation
import ThorTraining
import ThorTuneCLI

/// libFuzzer entry point for the whole `plan` pipeline, driven through the
/// command line's in-process entry (``ThorTune/main(_:)``) so that API
/// changes below the CLI do not break it: arbitrary bytes become the
/// factor dump of `thor-tune plan --factors F --profile
/// profiles/ascend910-paper.json --threads 2`, which reads it
/// (safetensors), catalogues the factors, analyses them on two worker
/// threads (with the SHA-256 digest in the background), solves and writes
/// the plan and the report folder into a private temporary folder.
///
/// The run must end with status 0 or 1 (64 would mean this harness's own
/// command line is wrong), and the outputs must keep the writers'
/// promises, checked here independently (a broken one traps): no `.tmp-*`
/// entry is left; after a failure the previous plan and report are
/// unchanged; after a success the plan loads as `train --plan` loads it
/// and the report folder holds `report.md`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let state = PipelineFuzzState.shared
  guard (try? Data(bytes: data, count: size).write(to: state.dump)) != nil
  else { fatalError("cannot write \(state.dump.path)") }
  let planBefore = try? Data(contentsOf: state.plan)
  let reportBefore = state.reportContents()
  let status = ThorTune.main([
    "plan", "--factors", state.dump.path, "--profile", state.profile,
    "--threads", "2", "--out", state.plan.path,
    "--report", state.report.path,
  ])
  check(status == 0 || status == 1, "plan exited with status \(status)")
  let leftovers =
    state.entries(state.folder).filter {
      $0.hasPrefix(".tmp-")
    } + state.entries(state.report).filter { $0.hasPrefix(".tmp-") }
  check(leftovers.isEmpty, "temporary outputs left: \(leftovers)")
  if status == 0 {
    check(
      (try? FactorSplits.Source.loadPlan(at: state.plan.path, partial: true))
        != nil, "the written plan does not load as train --plan loads it")
    check(
      FileManager.default.fileExists(
        atPath: state.report.appendingPathComponent("report.md").path),
      "no report.md after a successful plan")
  } else {
    check(
      (try? Data(contentsOf: state.plan)) == planBefore,
      "a failed plan changed the previous plan.json")
    check(
      state.reportContents() == reportBefore,
      "a failed plan changed the previous report folder")
  }
  return 0
}

/// What every run shares: a private folder for the dump and the outputs.
final class PipelineFuzzState: Sendable {
  static let shared = PipelineFuzzState()

  /// A folder private to this process; in memory (`/dev/shm`) where there
  /// is one, as disk writes would dominate.
  let folder: URL
  let dump: URL
  let plan: URL
  let report: URL
  /// The shipped profile of the paper's Ascend 910 (absolute path).
  let profile: String

  private init() {
    let shm = URL(fileURLWithPath: "/dev/shm")
    let base =
      access(shm.path, W_OK) == 0
      ? shm : FileManager.default.temporaryDirectory
    folder = base.appendingPathComponent(
      "thor-tune-pipeline-fuzz-\(getpid())")
    dump = folder.appendingPathComponent("factors.safetensors")
    plan = folder.appendingPathComponent("plan.json")
    report = folder.appendingPathComponent("report")
    // run.sh runs the fuzzer from the repository root.
    profile =
      URL(
        fileURLWithPath: FileManager.default.currentDirectoryPath
      ).appendingPathComponent("profiles/ascend910-paper.json").path
    guard FileManager.default.fileExists(atPath: profile) else {
      fatalError("no profile at \(profile)")
    }
    try? FileManager.default.removeItem(at: folder)
    guard
      (try? FileManager.default.createDirectory(
        at: folder, withIntermediateDirectories: true)) != nil
    else { fatalError("cannot create \(folder.path)") }
    // The plan summary goes to stdout on every run: discard it (libFuzzer
    // and the error messages use stderr).
    let null = open("/dev/null", O_WRONLY)
    if null >= 0 { dup2(null, STDOUT_FILENO) }
    atexit { PipelineFuzzState.removeFolder() }
  }

  private static func removeFolder() {
    try? FileManager.default.removeItem(at: shared.folder)
  }

  /// The names in `url`, sorted; empty if it is not a folder.
  func entries(_ url: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
      .sorted()
  }

  /// Each report file's name and contents, to compare before and after.
  func reportContents() -> [String: Data] {
    var contents: [String: Data] = [:]
    for name in entries(report) {
      contents[name] = try? Data(
        contentsOf: report.appendingPathComponent(name))
    }
    return contents
  }
}
