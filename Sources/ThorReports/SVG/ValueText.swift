import Foundation

/// Short, deterministic text for numbers in charts and tables.
enum ValueText {
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
    var text = String(format: "%.\(digits)f", value)
    guard text.contains(".") else { return text }  // 37700: keep its zeros
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
