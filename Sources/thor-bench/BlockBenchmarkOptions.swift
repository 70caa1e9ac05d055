import Foundation
import ThorFormats
import ThorLinalg
import ThorReports
import ThorTuneCLI

/// The options shared by the block benchmarks (`block-inversion`,
/// `block-products`): `--dims`, `--splits`, `--dtypes`, `--repeats` and
/// `--threads`, and the header line both print.
struct BlockBenchmarkOptions {
  let dims: [Int], splits: [Int], precisions: [Precision]
  let repeats: Int, threads: Int

  /// The option specs, with each benchmark's defaults, then `extra`.
  static func specs(
    dims: [Int], splits: [Int], repeats: Int, extra: OptionSpec
  ) -> [OptionSpec] {
    [
      .list(
        "dims", of: Int.self, valueName: "d,...", help: "Dimensions.",
        default: dims),
      .list(
        "splits", of: Int.self, valueName: "s,...", help: "Block sizes.",
        default: splits),
      .list(
        "dtypes", of: Precision.self, valueName: "type,...",
        help: "Precisions.", default: [.float32, .float64]),
      .value(
        "repeats", as: Int.self, valueName: "count",
        help: "Timed runs per path and row.", default: repeats),
      .value(
        "threads", as: Int.self, valueName: "count",
        help: "OpenBLAS threads.", default: 1),
      extra,
    ]
  }

  /// Reads the options declared by ``specs(dims:splits:repeats:extra:)``.
  /// - Throws: ``CommandLineError`` for a non-positive value.
  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    dims = try arguments.values(
      "dims", as: Int.self, where: { $0 > 0 }, "must be positive")
    splits = try arguments.values(
      "splits", as: Int.self, where: { $0 > 0 }, "must be positive")
    precisions = try arguments.values("dtypes", as: Precision.self)
    repeats = try arguments.value("repeats", as: Int.self)
    threads = try arguments.value("threads", as: Int.self)
    for (name, value) in [("repeats", repeats), ("threads", threads)]
    where value < 1 {
      throw arguments.invalid(name, "\(value)", "must be positive")
    }
  }

  /// Sets OpenBLAS's threads and returns the header: the command, date,
  /// OpenBLAS build and threads, repeats, `extra`, and the load average.
  func start(_ command: String, _ extra: String) -> String {
    OpenBLAS.setThreads(threads)
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))
      .map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
    return "# thor-bench \(command), \(Date())\n# OpenBLAS "
      + "\(OpenBLAS.coreName), \(OpenBLAS.threads) thread(s); repeats "
      + "\(repeats); \(extra); load average \(load ?? "unknown")\n"
  }

  /// Calls `measure` for every precision, dimension and split, in that
  /// nesting, with progress on stderr, and appends its rows to `table`.
  func measureAll(
    into table: inout TextTable,
    _ measure: (Precision, _ d: Int, _ s: Int) throws -> [String]
  ) rethrows {
    for precision in precisions {
      for d in dims {
        for s in splits {
          StandardError.write("\(precision.rawValue) d=\(d) s=\(s)\n")
          table.append(try measure(precision, d, s))
        }
      }
    }
  }
}
