/// A memory size on the command line: bytes, or a number with a binary
/// unit `K`, `M`, `G` or `T` (`512M`, `1.5G`; `KiB`… and `KB`… read the
/// same).
package struct ByteSize: ArgumentValue, Equatable, Sendable {
  package var bytes: Int

  package init(bytes: Int) { self.bytes = bytes }

  package init?(argument: String) {
    var text = Substring(argument.uppercased())
    for suffix in ["IB", "B"] where text.hasSuffix(suffix) {
      text = text.dropLast(suffix.count)
      break
    }
    var scale = 1.0
    let units: [Character: Double] = [
      "K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40,
    ]
    if let last = text.last, let unit = units[last] {
      scale = unit
      text = text.dropLast()
    }
    guard let value = Double(text), value.isFinite, value > 0,
      value * scale < 0x1p62
    else { return nil }
    bytes = Int((value * scale).rounded())
  }

  package static var expectation: String {
    "a positive size such as 8G, 512M or 1073741824"
  }
}
