/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable generator
/// whose streams are identical on every platform and Swift version.
package struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  package init(seed: UInt64) { state = seed }

  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0..<bound` (Lemire's multiply-shift with
  /// rejection, so no modulo bias and no dependence on the standard
  /// library's algorithm).
  package mutating func next(below bound: Int) -> Int {
    precondition(bound > 0)
    let b = UInt64(bound)
    var (high, low) = next().multipliedFullWidth(by: b)
    if low < b {
      let threshold = (0 &- b) % b
      while low < threshold { (high, low) = next().multipliedFullWidth(by: b) }
    }
    return Int(high)
  }

  /// A uniform Float in `[0, 1)` from the top 24 bits.
  package mutating func nextUnit() -> Float {
    Float(next() >> 40) * 0x1p-24
  }

  /// Shuffles `values` in place (Fisher–Yates).
  package mutating func shuffle(_ values: inout [Int32]) {
    guard values.count > 1 else { return }
    for i in stride(from: values.count - 1, to: 0, by: -1) {
      values.swapAt(i, next(below: i + 1))
    }
  }
}
