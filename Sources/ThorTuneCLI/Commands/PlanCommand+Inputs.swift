import Foundation
import ThorFormats
import ThorProfiler
import ThorReports
import ThorSolver

/// Why `thor-tune plan` cannot find its inputs.
enum PlanInputError: Error, CustomStringConvertible {
  case noProfile(folders: [String], cpu: String)
  case digest(file: String, reason: String)
  case reportFolderInUse(folder: String, file: String)
  case badMetadata(file: String, key: String, value: String)

  var description: String {
    switch self {
    case .noProfile(let folders, let cpu):
      "no profile for this machine's CPU (\(cpu)) in "
        + folders.map { "\($0)/" }.joined(separator: ", ")
        + "; make one with 'thor-tune profile' (it writes to profiles/), "
        + "name a folder of profiles in THOR_TUNE_PROFILES or pass "
        + "--profile <file>"
    case .digest(let file, let reason):
      "cannot read '\(file)' to compute its SHA-256: \(reason)"
    case .reportFolderInUse(let folder, let file):
      "report folder '\(folder)' holds '\(file)', which is not part of a "
        + "plan report; the folder would be replaced, so choose another "
        + "with --report"
    case .badMetadata(let file, let key, let value):
      "'\(file)': metadata '\(key)' is '\(value)', which plan cannot use "
        + "(damping: a positive number; damping_form: sqrt or lambda); "
        + "pass --damping and --damping-form"
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
    let names =
      (try? FileManager.default.contentsOfDirectory(
        atPath: url.path)) ?? []
    if let other = names.sorted().first(where: { !own.contains($0) }) {
      throw .reportFolderInUse(folder: url.relativePath, file: other)
    }
  }

  /// The folders searched for a profile, in order: `$THOR_TUNE_PROFILES`,
  /// `profiles/` of the current folder, and `profiles/` of the package
  /// this binary was built from (found from the source path compiled in
  /// and from the executable's location), each once.
  static func profileFolders(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> [URL] {
    var folders: [URL] = []
    if let named = environment["THOR_TUNE_PROFILES"], !named.isEmpty {
      folders.append(URL(fileURLWithPath: named))
    }
    folders.append(URL(fileURLWithPath: "profiles"))
    // Sources/ThorTuneCLI/Commands/<this file> → the package root.
    let source = URL(fileURLWithPath: #filePath)
    folders.append(
      source.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("profiles"))
    // .build/<triple>/<configuration>/thor-tune → the package root.
    var folder = URL(fileURLWithPath: CommandLine.arguments[0])
      .resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 {
      if FileManager.default.fileExists(
        atPath: folder.appendingPathComponent("Package.swift").path)
      {
        folders.append(folder.appendingPathComponent("profiles"))
        break
      }
      folder = folder.deletingLastPathComponent()
    }
    var seen: Set<String> = []
    return folders.filter { seen.insert($0.standardizedFileURL.path).inserted }
  }

  /// The newest valid profile (by `created`) whose machine has this
  /// machine's CPU model, from the first of `folders` that has one.
  /// - Throws: ``PlanInputError/noProfile(folders:cpu:)`` when none fits.
  static func newestProfile(in folders: [URL]) throws(PlanInputError) -> URL {
    let cpu = HardwareProfile.Machine.current().cpu
    let dates = ISO8601DateFormatter()
    for folder in folders {
      let names =
        (try? FileManager.default.contentsOfDirectory(
          atPath: folder.path)) ?? []
      var best: (url: URL, created: Date)?
      for name in names.sorted() where name.hasSuffix(".json") {
        let url = folder.appendingPathComponent(name)
        guard let profile = try? HardwareProfile.load(from: url),
          profile.machine.cpu == cpu
        else { continue }
        let created = dates.date(from: profile.created) ?? .distantPast
        if best == nil || created > best!.created { best = (url, created) }
      }
      if let best { return best.url }
    }
    throw .noProfile(folders: folders.map(\.path), cpu: cpu)
  }
}

/// The SHA-256 of a file, computed on its own thread (not Dispatch's pool,
/// which signal handlers need) while the analysis runs.
///
/// Every path out of the command, an error included, must ``wait()`` for
/// it: a process that exits while the thread is inside libcrypto crashes
/// in OpenSSL's exit-time clean-up.
final class BackgroundDigest: @unchecked Sendable {
  private let url: URL
  private let running = DispatchGroup()
  private var result: Result<String, any Error>?

  /// Starts hashing `url`.
  init(of url: URL) {
    self.url = url
    running.enter()
    Thread { [self] in
      result = Result { try SHA256.hexDigest(ofFileAt: url) }
      running.leave()
    }.start()
  }

  /// Waits for the thread to finish; safe to call any number of times.
  func join() { running.wait() }

  /// The digest, once the thread has finished.
  /// - Throws: ``PlanInputError/digest(file:reason:)``.
  func wait() throws(PlanInputError) -> String {
    join()
    switch result! {
    case .success(let digest): return digest
    case .failure(let error):
      throw .digest(file: url.relativePath, reason: "\(error)")
    }
  }
}
