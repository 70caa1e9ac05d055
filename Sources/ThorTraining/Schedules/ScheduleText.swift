/// The one command-line grammar of schedules: `KIND` or
/// `KIND:key=number,key=number` (`step:every=30,factor=0.1`), shared by
/// the learning-rate and damping schedules.
struct ScheduleText {
  /// The schedule's name, before the first `:`.
  let kind: String
  private var fields: [String: Double] = [:]

  /// Splits `text` into its kind and fields; the reason names the part
  /// that is not `key=number`.
  init(_ text: String) throws(ScheduleTextError) {
    let (kind, rest) =
      text.firstIndex(of: ":").map {
        (String(text[..<$0]), String(text[text.index(after: $0)...]))
      } ?? (text, "")
    self.kind = kind
    for part in rest.split(separator: ",") {
      let pair = part.split(separator: "=", maxSplits: 1)
      guard pair.count == 2, let v = Double(pair[1]), v.isFinite else {
        throw ScheduleTextError("expected key=number, got '\(part)'")
      }
      fields[String(pair[0])] = v
    }
  }

  /// Removes and returns field `key`, or `fallback` when absent; positive
  /// (or, with `positive: false`, non-negative).
  mutating func take(
    _ key: String, _ fallback: Double? = nil, positive: Bool = true
  ) throws(ScheduleTextError) -> Double {
    guard let v = fields.removeValue(forKey: key) ?? fallback else {
      throw ScheduleTextError("'\(kind)' needs \(key)=…")
    }
    guard positive ? v > 0 : v >= 0 else {
      throw ScheduleTextError("\(key) must be positive")
    }
    return v
  }

  /// Refuses the fields no ``take(_:_:positive:)`` asked for.
  func finish() throws(ScheduleTextError) {
    if let extra = fields.keys.sorted().first {
      throw ScheduleTextError("unknown key '\(extra)' for '\(kind)'")
    }
  }
}

/// Why a schedule's text cannot be read: a sentence.
struct ScheduleTextError: Error {
  let reason: String
  init(_ reason: String) { self.reason = reason }
}
