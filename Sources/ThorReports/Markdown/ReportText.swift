import Foundation

/// Number formats shared by the Markdown reports.
enum ReportText {
  /// A duration given in microseconds, in a readable unit.
  static func duration(microseconds us: Double) -> String {
    if us < 1000 { return String(format: "%.1f µs", us) }
    if us < 1e6 { return String(format: "%.2f ms", us / 1e3) }
    return String(format: "%.3f s", us / 1e6)
  }

  /// Seconds with one decimal, as Table 2 of the paper writes them.
  static func seconds(_ s: Double) -> String { String(format: "%.1f s", s) }

  /// A loss or normalized value with four decimals (as the paper's Table 1).
  static func fixed4(_ value: Double) -> String {
    String(format: "%.4f", value)
  }

  /// A fraction as a percentage with two decimals: 0.9431 is `94.31%`.
  static func percent(_ fraction: Double) -> String {
    String(format: "%.2f%%", fraction * 100)
  }

  /// A threshold as a short percentage: 0.9 is `90%`, 0.905 `90.5%`.
  static func thresholdPercent(_ fraction: Double) -> String {
    ValueText.short(fraction * 100) + "%"
  }

  /// A speed-up factor: `3.21×`.
  static func speedUp(_ ratio: Double) -> String {
    ratio.isFinite ? String(format: "%.2f×", ratio) : "—"
  }

  /// The placeholder for a value that does not exist.
  static let none = "—"
}
