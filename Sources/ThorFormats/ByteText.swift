/// Byte counts as people read them, for messages and reports.
package enum ByteText {
  /// `bytes` in the largest binary unit that keeps a whole number in
  /// front, two decimals: `3.06 GiB`, `512.00 MiB`, `1.00 KiB`, `12 bytes`.
  package static func size(_ bytes: Int) -> String {
    let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
    for (scale, unit) in units where bytes >= scale {
      let hundredths = Int((Double(bytes) / Double(scale) * 100).rounded())
      let rest = hundredths % 100
      return "\(hundredths / 100).\(rest < 10 ? "0" : "")\(rest) \(unit)"
    }
    return "\(bytes) bytes"
  }
}
