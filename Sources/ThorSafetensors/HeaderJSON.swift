/// A JSON value as the strict header parser reads it.
///
/// Objects keep their members in order with duplicates included, so that the
/// validator can reject a repeated tensor name or field (Foundation's
/// `JSONSerialization` silently keeps one). Numbers keep their literal text,
/// so that `1.0`, `1e3` or `-0` are told apart from integers. An array of
/// non-negative integers is stored compactly (8 bytes per element, as the
/// reference's `Vec<usize>`), so that a header of `[1,1,1,…]` near the
/// 100 MB cap does not cost gigabytes.
enum HeaderJSON {
  case object([Member])
  /// An array with at least one element that is not a non-negative
  /// integer.
  case array([HeaderJSON])
  /// An array of integer literals in `0...Int.max`, possibly empty.
  case integers([Int])
  case string(String)
  case number(String)
  case bool(Bool)
  case null

  /// An object member. A struct, not a labelled tuple: with the tuple,
  /// Swift 6.3.1 reported a spurious "circular reference" when it
  /// recompiled a single file of this module.
  struct Member {
    let key: String
    let value: HeaderJSON
  }

  /// A short rendering for error messages: scalars as written, containers
  /// by kind.
  var summary: String {
    switch self {
    case .object: "an object"
    case .array, .integers: "an array"
    case .string(let text):
      text.count <= 40 ? "\"\(text)\"" : "\"\(text.prefix(37))...\""
    case .number(let literal): literal
    case .bool(let value): value ? "true" : "false"
    case .null: "null"
    }
  }

  /// The value as an `Int` when it is a JSON integer literal in
  /// `0...Int.max`; `nil` for anything else (fractions, exponents, signs,
  /// strings, booleans, out-of-range values).
  var nonNegativeInteger: Int? {
    guard case .number(let literal) = self else { return nil }
    var value = 0
    for byte in literal.utf8 {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
        return nil
      }
      let (scaled, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = scaled.addingReportingOverflow(
        Int(byte - UInt8(ascii: "0")))
      if o1 || o2 { return nil }
      value = sum
    }
    return value
  }

  /// Why ``nonNegativeInteger`` is `nil`, phrased after "is": for example
  /// `-2, expected a non-negative integer`.
  var integerProblem: String {
    if case .number(let literal) = self,
      literal.utf8.allSatisfy({
        $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")
      })
    {
      return "\(literal), too large"
    }
    return "\(summary), expected a non-negative integer"
  }
}
