/// Byte counts as people read them.
package enum ByteText {
  /// `bytes` in GiB with two decimals, e.g. `3.06 GiB`.
  package static func gib(_ bytes: Int) -> String {
    let hundredths = (Double(bytes) / Double(1 << 30) * 100).rounded()
    let whole = Int(hundredths) / 100
    let rest = Int(hundredths) % 100
    return "\(whole).\(rest < 10 ? "0" : "")\(rest) GiB"
  }
}
