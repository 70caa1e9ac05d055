import Foundation
import ThorProfiler
import ThorReports
import ThorSolver

/// Why `thor-tune plan` cannot find its inputs.
enum PlanInputError: Error, CustomStringConvertible {
  case noProfile(folder: String, cpu: String)
  case digest(file: String, reason: String)
  case reportFolderInUse(folder: String, file: String)

  var description: String {
    switch self {
    case .noProfile(let folder, let cpu):
      "no profile for this machine's CPU (\(cpu)) in \(folder)/; make one "
        + "with 'thor-tune profile' (it writes to profiles/) or pass "
        + "--profile <file>"
    case .digest(let file, let reason):
      "cannot read '\(file)' to compute its SHA-256: \(reason)"
    case .reportFolderInUse(let folder, let file):
      "report folder '\(folder)' holds '\(file)', which is not part of a "
        + "plan report; the folder would be replaced, so choose another "
        + "with --report"
    }
  }
}

extension PlanCommand {
  /// `reports/<dump file name without extension>`.
  static func defaultReport(_ factors: String) -> String {
    let name = URL(fileURLWithPath: factors).deletingPathExtension()
      .lastPathComponent
    return "reports/\(name)"
  }

  /// Refuses a report folder that holds anything but a previous report,
  /// since writing the report replaces the folder.
  /// - Throws: ``PlanInputError/reportFolderInUse(folder:file:)``.
  static func checkReportFolder(_ url: URL) throws(PlanInputError) {
    let own: Set = [
      PlanReport.markdownFile, PlanReport.curvesFile, PlanReport.heatMapFile,
      PlanReport.timesFile,
    ]
    let names = (try? FileManager.default.contentsOfDirectory(
      atPath: url.path)) ?? []
    if let other = names.sorted().first(where: { !own.contains($0) }) {
      throw .reportFolderInUse(folder: url.relativePath, file: other)
    }
  }

  /// The newest valid profile in `folder` (by `created`) whose machine has
  /// this machine's CPU model.
  /// - Throws: ``PlanInputError/noProfile(folder:cpu:)`` when none fits.
  static func newestProfile(in folder: URL) throws(PlanInputError) -> URL {
    let cpu = HardwareProfile.Machine.current().cpu
    let names = (try? FileManager.default.contentsOfDirectory(
      atPath: folder.path)) ?? []
    let dates = ISO8601DateFormatter()
    var best: (url: URL, created: Date)?
    for name in names.sorted() where name.hasSuffix(".json") {
      let url = folder.appendingPathComponent(name)
      guard let profile = try? HardwareProfile.load(from: url),
        profile.machine.cpu == cpu
      else { continue }
      let created = dates.date(from: profile.created) ?? .distantPast
      if best == nil || created > best!.created { best = (url, created) }
    }
    guard let best else {
      throw .noProfile(folder: folder.relativePath, cpu: cpu)
    }
    return best.url
  }

  /// Starts hashing `url` on its own thread (not Dispatch's pool, which
  /// signal handlers need); the returned closure waits for the digest.
  static func digestInBackground(of url: URL)
    -> () throws(PlanInputError) -> String
  {
    let box = DigestBox()
    let done = DispatchSemaphore(value: 0)
    Thread {
      box.result = Result { try SHA256.hexDigest(ofFileAt: url) }
      done.signal()
    }.start()
    return { () throws(PlanInputError) -> String in
      done.wait()
      switch box.result! {
      case .success(let digest): return digest
      case .failure(let error):
        throw .digest(file: url.relativePath, reason: "\(error)")
      }
    }
  }
}

/// The background digest's result, written once before the semaphore
/// signals and read after it.
private final class DigestBox: @unchecked Sendable {
  var result: Result<String, any Error>?
}
