import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's memory as the system reports it.
enum PeakMemory {
  /// The largest resident set so far, bytes (`getrusage`'s `ru_maxrss`:
  /// KiB on Linux, bytes on macOS).
  static func residentBytes() -> Int {
    var usage = rusage()
    #if canImport(Darwin)
      guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
      return Int(usage.ru_maxrss)
    #else
      let who = __rusage_who_t(RUSAGE_SELF.rawValue)
      guard getrusage(who, &usage) == 0 else { return 0 }
      return Int(usage.ru_maxrss) * 1024
    #endif
  }

  /// Half the machine's physical memory: the default budget.
  static var defaultBudget: Int {
    Int(ProcessInfo.processInfo.physicalMemory / 2)
  }
}
