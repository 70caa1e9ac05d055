import Foundation

/// Formats coordinates and values for SVG output, deterministically.
enum SVGNumber {
  /// A coordinate with at most two decimals and no trailing zeros.
  static func coordinate(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() && abs(rounded) < 1e15 {
      return String(Int(rounded))
    }
    var text = String(format: "%.2f", rounded)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }
}
