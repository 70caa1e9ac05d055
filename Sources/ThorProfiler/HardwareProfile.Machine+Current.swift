import Foundation
import ThorFormats
import ThorLinalg

extension HardwareProfile.Machine {
  /// This machine: the CPU model (`/proc/cpuinfo`), the cores available to
  /// the process, OpenBLAS's build configuration and current thread count,
  /// and the OS (`/etc/os-release` and the kernel release).
  package static func current() -> HardwareProfile.Machine {
    HardwareProfile.Machine(
      cpu: cpuModel(), cores: ProcessInfo.processInfo.activeProcessorCount,
      blas: OpenBLAS.configuration, threads: OpenBLAS.threads,
      os: operatingSystem())
  }

  /// A file-name-safe name for default output paths, such as
  /// `amd-epyc-7763-2threads`: the CPU model without trademarks, clock
  /// speed and filler words, and the thread count.
  package var slug: String {
    var model = cpu
    if let at = model.range(of: "@") { model = String(model[..<at.lowerBound]) }
    let filler: Set = [
      "r", "tm", "cpu", "processor", "with", "radeon",
      "graphics",
    ]
    let words = model.lowercased()
      .split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
      .map(String.init)
      .filter { !filler.contains($0) }
    let base = words.isEmpty ? "machine" : words.joined(separator: "-")
    return "\(base)-\(threads)threads"
  }

  /// The 1-, 5- and 15-minute load averages of `/proc/loadavg` (such as
  /// `0.52 0.58 0.59`), or nil where the file is missing. Profiles record
  /// them: timings taken on a busy machine are slower.
  package static func loadAverage() -> String? {
    guard
      let text = try? String(
        contentsOfFile: "/proc/loadavg",
        encoding: .utf8)
    else { return nil }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
  }

  /// The first `model name` of `/proc/cpuinfo`, or the architecture.
  static func cpuModel() -> String {
    let info =
      (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))
      ?? ""
    for line in info.split(separator: "\n") where line.hasPrefix("model name") {
      if let colon = line.firstIndex(of: ":") {
        let name = line[line.index(after: colon)...]
          .trimmingCharacters(in: .whitespaces)
        if !name.isEmpty { return name }
      }
    }
    return uname().machine
  }

  /// `PRETTY_NAME` of `/etc/os-release` and the kernel, or the kernel
  /// alone.
  static func operatingSystem() -> String {
    let kernel = uname()
    let system = "\(kernel.system) \(kernel.release)"
    let release =
      (try? String(
        contentsOfFile: "/etc/os-release",
        encoding: .utf8)) ?? ""
    for line in release.split(separator: "\n")
    where line.hasPrefix("PRETTY_NAME=") {
      let name = line.dropFirst("PRETTY_NAME=".count)
        .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
      return "\(name) (\(system))"
    }
    return system
  }

  /// The kernel's name, release and machine (`uname(2)`).
  private static func uname() -> (
    system: String, release: String,
    machine: String
  ) {
    var names = utsname()
    _ = Glibc.uname(&names)
    func text<T>(_ field: T) -> String {
      withUnsafeBytes(of: field) { bytes in
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
      }
    }
    return (text(names.sysname), text(names.release), text(names.machine))
  }
}
