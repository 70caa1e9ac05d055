import Foundation

/// The timing options shared by `thor-tune profile` and the profiler
/// benchmark (`thor-bench profile-check`): `--threads`, `--min-time`,
/// `--repeats` and `--warmup`.
package struct ProfilerOptions: Sendable {
  /// OpenBLAS threads per inversion.
  package let threads: Int
  /// Seconds of timed runs to accumulate per dimension.
  package let minTime: Double
  /// The most timed runs per dimension.
  package let maxRepeats: Int
  /// Untimed runs before timing each dimension.
  package let warmup: Int

  /// The option specs, for a command's `options`.
  package static var specs: [OptionSpec] {
    [
      .value(
        "threads", as: Int.self, valueName: "count",
        help: "OpenBLAS threads for each inversion.",
        default: ProcessInfo.processInfo.activeProcessorCount),
      .value(
        "min-time", as: Double.self, valueName: "seconds",
        help: "Seconds of timed inversions to accumulate per dimension.",
        default: 1.0),
      .value(
        "repeats", as: Int.self, valueName: "count",
        help: "The most timed inversions per dimension.", default: 10000),
      .value(
        "warmup", as: Int.self, valueName: "count",
        help: "Untimed inversions before timing each dimension.",
        default: 3),
    ]
  }

  /// Reads the options declared by ``specs``.
  /// - Throws: ``CommandLineError`` for a non-positive thread or repeat
  ///   count, or a negative time or warmup.
  package init(_ arguments: ParsedArguments) throws(CommandLineError) {
    threads = try arguments.value(
      "threads", as: Int.self, where: { $0 > 0 }, "must be positive")
    minTime = try arguments.value(
      "min-time", as: Double.self, where: { $0 >= 0 },
      "must not be negative")
    maxRepeats = try arguments.value(
      "repeats", as: Int.self, where: { $0 > 0 }, "must be positive")
    warmup = try arguments.value(
      "warmup", as: Int.self, where: { $0 >= 0 }, "must not be negative")
  }
}
