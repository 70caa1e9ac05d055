extension String {
  /// The string escaped for XML text and attribute values.
  ///
  /// Escapes the five predefined entities and drops the control characters
  /// XML 1.0 forbids, so any layer or run name yields well-formed SVG.
  var xmlEscaped: String {
    var out = ""
    out.reserveCapacity(utf8.count)
    for scalar in unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF
        {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}
