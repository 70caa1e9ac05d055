import Foundation

/// Numbers as the reports write them, one named function per format, so
/// that Markdown, SVG and text output agree and stay deterministic.
enum NumberText {
  /// The placeholder for a value that does not exist.
  static let none = "—"

  /// At most four significant digits, no trailing zeros; scientific
  /// notation below 1e-4 and from 1e6 up.
  static func short(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : "∞" }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e6 || magnitude < 1e-4 {
      return String(format: "%.3g", value)
        .replacingOccurrences(of: "e-0", with: "e-")
        .replacingOccurrences(of: "e+0", with: "e")
        .replacingOccurrences(of: "e+", with: "e")
    }
    if value == value.rounded() { return String(Int(value)) }
    let digits = max(0, 3 - Int(floor(log10(magnitude))))
    let text = fixed(value, decimals: digits)
    guard text.contains(".") else { return text }  // 37700: keep its zeros
    return trimmingZeros(text)
  }

  /// An SVG coordinate with at most two decimals and no trailing zeros.
  static func coordinate(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() && abs(rounded) < 1e15 {
      return String(Int(rounded))
    }
    let text = trimmingZeros(fixed(rounded, decimals: 2))
    return text == "-0" ? "0" : text
  }

  /// `value` with exactly `decimals` decimals: `0.45` at 2 is `0.45`.
  static func fixed(_ value: Double, decimals: Int) -> String {
    String(format: "%.\(decimals)f", value)
  }

  /// Like ``fixed(_:decimals:)``, but a value that rounds to zero has no
  /// minus sign: an axis tick at -0.0001 with one decimal is `0.0`.
  static func unsignedZero(_ value: Double, decimals: Int) -> String {
    let text = fixed(value, decimals: decimals)
    return text.hasPrefix("-") && Double(text) == 0
      ? String(text.dropFirst()) : text
  }

  /// A loss or normalized value with four decimals (as the paper's Table 1).
  static func fixed4(_ value: Double) -> String {
    fixed(value, decimals: 4)
  }

  /// Three significant digits in scientific notation: `1.23e-04`.
  static func scientific(_ value: Double) -> String {
    String(format: "%.2e", value)
  }

  /// A duration given in microseconds, in a readable unit: `12.3 µs`,
  /// `4.56 ms`, `7.890 s`.
  static func duration(microseconds us: Double) -> String {
    if us < 1000 { return fixed(us, decimals: 1) + " µs" }
    if us < 1e6 { return fixed(us / 1e3, decimals: 2) + " ms" }
    return fixed(us / 1e6, decimals: 3) + " s"
  }

  /// Seconds with one decimal, as Table 2 of the paper writes them.
  static func seconds(_ s: Double) -> String { fixed(s, decimals: 1) + " s" }

  /// A fraction as a percentage with two decimals: 0.9431 is `94.31%`.
  static func percent(_ fraction: Double) -> String {
    fixed(fraction * 100, decimals: 2) + "%"
  }

  /// A threshold as a short percentage: 0.9 is `90%`, 0.905 `90.5%`.
  static func thresholdPercent(_ fraction: Double) -> String {
    short(fraction * 100) + "%"
  }

  /// A speed-up factor: `3.21×`; ``none`` when it is not finite.
  static func speedUp(_ ratio: Double) -> String {
    ratio.isFinite ? fixed(ratio, decimals: 2) + "×" : none
  }

  /// A byte of a colour as two lower-case hex digits: 10 is `0a`.
  static func hexByte(_ value: Int) -> String {
    String(format: "%02x", value)
  }

  /// Drops the trailing zeros of a decimal, and the point if none are
  /// left: `1.500` is `1.5`, `2.00` is `2`.
  private static func trimmingZeros(_ text: String) -> String {
    var text = text
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
