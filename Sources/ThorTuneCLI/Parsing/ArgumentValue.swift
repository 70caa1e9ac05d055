import ThorFormats
import ThorLinalg

/// A type whose values can be read from a command-line string, like
/// swift-argument-parser's `ExpressibleByArgument`.
///
/// String-backed `CaseIterable` enums conform by declaring conformance;
/// help then lists their cases.
package protocol ArgumentValue: SendableMetatype {
  /// Parses a command-line string; nil when it is not a valid value.
  init?(argument: String)
  /// What a valid value looks like, for error messages ("an integer").
  static var expectation: String { get }
  /// Every valid value, when they form a closed set; otherwise empty.
  static var allValueStrings: [String] { get }
  /// The value as the command line writes it (``init(argument:)`` reads
  /// it back), for defaults in help and equivalent commands.
  var argument: String { get }
}

extension ArgumentValue {
  package static var allValueStrings: [String] { [] }
  package var argument: String { "\(self)" }

  /// Why `text` is not a valid value, or nil when it is.
  static func invalidReason(_ text: String) -> String? {
    Self(argument: text) == nil ? "expected \(expectation)" : nil
  }
}

extension ArgumentValue
where Self: CaseIterable & RawRepresentable, RawValue == String {
  package init?(argument: String) { self.init(rawValue: argument) }
  package var argument: String { rawValue }
  package static var allValueStrings: [String] { allCases.map(\.rawValue) }
  package static var expectation: String {
    "one of " + allValueStrings.joined(separator: ", ")
  }
}

extension String: ArgumentValue {
  package init?(argument: String) { self = argument }
  package static var expectation: String { "a string" }
}

extension Int: ArgumentValue {
  package init?(argument: String) { self.init(argument) }
  package static var expectation: String { "an integer" }
}

extension UInt64: ArgumentValue {
  package init?(argument: String) { self.init(argument) }
  package static var expectation: String { "a non-negative integer" }
}

extension Double: ArgumentValue {
  /// Accepts finite decimal numbers only (no `nan`, no `inf`).
  package init?(argument: String) {
    guard let value = Double(argument), value.isFinite else { return nil }
    self = value
  }
  package static var expectation: String { "a number" }
}

extension InversionMethod: ArgumentValue {}
extension Precision: ArgumentValue {}
extension BlockInversionPath: ArgumentValue {}
