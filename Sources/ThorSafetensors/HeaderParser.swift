/// A strict JSON parser (RFC 8259) for safetensors headers.
///
/// It accepts exactly one value surrounded by optional whitespace, rejects
/// unescaped control characters and lone surrogates, and limits nesting to
/// ``maximumDepth`` so that hostile input cannot exhaust the stack. The input
/// must already be valid UTF-8. It never traps: every failure is a
/// ``HeaderParseError`` with the byte offset where parsing stopped.
struct HeaderParser {
  /// The deepest nesting accepted (serde_json, used by the reference
  /// reader, stops at 128 as well).
  static let maximumDepth = 128

  private let bytes: [UInt8]
  private var position = 0
  private var depth = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Parses the whole input as a single JSON value.
  mutating func parseDocument() throws(HeaderParseError) -> HeaderJSON {
    let value = try parseValue()
    skipWhitespace()
    if position < bytes.count { throw failure("unexpected data after JSON") }
    return value
  }

  private mutating func parseValue() throws(HeaderParseError) -> HeaderJSON {
    skipWhitespace()
    guard let byte = peek() else { throw failure("unexpected end of header") }
    switch byte {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"):
      try expectLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return .number(try parseNumber())
    default: throw failure("unexpected character \(describe(byte))")
    }
  }

  private mutating func parseObject() throws(HeaderParseError) -> HeaderJSON {
    try enter()
    position += 1
    var members: [HeaderJSON.Member] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      position += 1
      depth -= 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\"") else {
        throw failure("expected a string key")
      }
      let key = try parseString()
      skipWhitespace()
      try expect(UInt8(ascii: ":"), "expected ':' after an object key")
      members.append(.init(key: key, value: try parseValue()))
      skipWhitespace()
      if peek() == UInt8(ascii: ",") {
        position += 1
        continue
      }
      try expect(UInt8(ascii: "}"), "expected ',' or '}' in an object")
      depth -= 1
      return .object(members)
    }
  }

  /// Parses an array; one of non-negative integers (a shape, offsets)
  /// comes back as ``HeaderJSON/integers(_:)``, 8 bytes per element.
  private mutating func parseArray() throws(HeaderParseError) -> HeaderJSON {
    try enter()
    position += 1
    var integers: [Int] = []
    var elements: [HeaderJSON] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      return .integers(integers)
    }
    while true {
      let value = try parseValue()
      if elements.isEmpty, let integer = value.nonNegativeInteger {
        integers.append(integer)
      } else {
        if elements.isEmpty { elements = integers.map { .number("\($0)") } }
        elements.append(value)
      }
      skipWhitespace()
      if peek() == UInt8(ascii: ",") {
        position += 1
        continue
      }
      try expect(UInt8(ascii: "]"), "expected ',' or ']' in an array")
      depth -= 1
      return elements.isEmpty ? .integers(integers) : .array(elements)
    }
  }

  /// Parses a string starting at its opening quote.
  private mutating func parseString() throws(HeaderParseError) -> String {
    position += 1
    let start = position
    var decoded: [UInt8] = []
    var escaped = false
    while let byte = peek() {
      switch byte {
      case UInt8(ascii: "\""):
        let text =
          escaped
          ? String(decoding: decoded, as: UTF8.self)
          : String(decoding: bytes[start..<position], as: UTF8.self)
        position += 1
        return text
      case UInt8(ascii: "\\"):
        if !escaped { decoded.append(contentsOf: bytes[start..<position]) }
        escaped = true
        position += 1
        try parseEscape(into: &decoded)
      case 0..<0x20:
        throw failure("unescaped control character \(describe(byte)) in string")
      default:
        if escaped { decoded.append(byte) }
        position += 1
      }
    }
    throw failure("unterminated string")
  }

  /// Parses the escape after a backslash and appends its UTF-8 bytes.
  private mutating func parseEscape(
    into decoded: inout [UInt8]
  ) throws(HeaderParseError) {
    guard let byte = peek() else { throw failure("unterminated string") }
    position += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
      decoded.append(byte)
    case UInt8(ascii: "b"): decoded.append(0x08)
    case UInt8(ascii: "f"): decoded.append(0x0C)
    case UInt8(ascii: "n"): decoded.append(0x0A)
    case UInt8(ascii: "r"): decoded.append(0x0D)
    case UInt8(ascii: "t"): decoded.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = UInt32(try parseHex4())
      if (0xD800..<0xDC00).contains(scalar) {
        guard peek() == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") else {
          throw failure("lone leading surrogate in \\u escape")
        }
        position += 2
        let low = UInt32(try parseHex4())
        guard (0xDC00..<0xE000).contains(low) else {
          throw failure("invalid trailing surrogate in \\u escape")
        }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00..<0xE000).contains(scalar) {
        throw failure("lone trailing surrogate in \\u escape")
      }
      guard let unicode = Unicode.Scalar(scalar) else {
        throw failure("invalid \\u escape")
      }
      decoded.append(contentsOf: Array(String(Character(unicode)).utf8))
    default:
      position -= 1
      throw failure("invalid escape \\\(describe(byte))")
    }
  }

  private mutating func parseHex4() throws(HeaderParseError) -> UInt16 {
    var value: UInt16 = 0
    for _ in 0..<4 {
      guard let byte = peek() else { throw failure("unterminated \\u escape") }
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 48
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 87
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 55
      default: throw failure("invalid hex digit in \\u escape")
      }
      value = value << 4 | UInt16(digit)
      position += 1
    }
    return value
  }

  /// Parses a number and returns its literal text.
  private mutating func parseNumber() throws(HeaderParseError) -> String {
    let start = position
    if peek() == UInt8(ascii: "-") { position += 1 }
    if peek() == UInt8(ascii: "0") {
      position += 1
    } else if skipDigits() == 0 {
      throw failure("expected a digit")
    }
    if peek() == UInt8(ascii: ".") {
      position += 1
      if skipDigits() == 0 { throw failure("expected a digit after '.'") }
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      position += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") {
        position += 1
      }
      if skipDigits() == 0 { throw failure("expected an exponent") }
    }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  /// Skips ASCII digits and returns how many there were.
  private mutating func skipDigits() -> Int {
    let start = position
    while let byte = peek(), byte >= UInt8(ascii: "0"),
      byte <= UInt8(ascii: "9")
    {
      position += 1
    }
    return position - start
  }

  private mutating func expectLiteral(
    _ literal: StaticString
  ) throws(HeaderParseError) {
    let text = literal.utf8Start
    for i in 0..<literal.utf8CodeUnitCount {
      guard peek() == text[i] else {
        throw failure("invalid literal, expected '\(literal)'")
      }
      position += 1
    }
  }

  private mutating func expect(
    _ byte: UInt8, _ message: String
  ) throws(HeaderParseError) {
    guard peek() == byte else { throw failure(message) }
    position += 1
  }

  private mutating func enter() throws(HeaderParseError) {
    depth += 1
    if depth > Self.maximumDepth {
      throw failure("nesting deeper than \(Self.maximumDepth) levels")
    }
  }

  private mutating func skipWhitespace() {
    while let byte = peek(),
      byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    {
      position += 1
    }
  }

  private func peek(_ ahead: Int = 0) -> UInt8? {
    let index = position + ahead
    return index < bytes.count ? bytes[index] : nil
  }

  private func failure(_ reason: String) -> HeaderParseError {
    HeaderParseError(offset: position, reason: reason)
  }

  private func describe(_ byte: UInt8) -> String {
    (0x21..<0x7F).contains(byte)
      ? "'\(Character(Unicode.Scalar(byte)))'"
      : "0x" + String(byte, radix: 16, uppercase: true)
  }
}

/// Why the header is not valid JSON, and where (a byte offset in the header).
struct HeaderParseError: Error {
  let offset: Int
  let reason: String
}
