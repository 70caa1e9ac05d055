import Foundation

/// What is wrong with a JSON document, located by field path
/// (`results[2].median_us`), for each format's error to put in words.
package enum JSONProblem: Error, Sendable, Equatable {
  /// Not JSON, or not the object the format expects.
  case notJSON(reason: String)
  case missingField(path: String)
  case wrongType(path: String, expected: String)
  case nullValue(path: String, expected: String)
  /// A value of the right JSON type that its field does not accept.
  case invalidValue(path: String, reason: String)

  /// Locates `error`, thrown by `JSONDecoder`, in the document.
  package init(_ error: any Error) {
    if let problem = error as? JSONProblem {
      self = problem
      return
    }
    guard let error = error as? DecodingError else {
      self = .notJSON(reason: (error as NSError).localizedDescription)
      return
    }
    switch error {
    case .keyNotFound(let key, let context):
      self = .missingField(path: Self.path(context.codingPath + [key]))
    case .typeMismatch(let type, let context):
      self = .wrongType(
        path: Self.path(context.codingPath), expected: Self.name(of: type))
    case .valueNotFound(let type, let context):
      self = .nullValue(
        path: Self.path(context.codingPath), expected: Self.name(of: type))
    case .dataCorrupted(let context) where !context.codingPath.isEmpty:
      self = .invalidValue(
        path: Self.path(context.codingPath),
        reason: context.debugDescription)
    case .dataCorrupted(let context):
      self = .notJSON(
        reason: context.underlyingError.map {
          ($0 as NSError).localizedDescription
        } ?? context.debugDescription)
    @unknown default:
      self = .notJSON(reason: "\(error)")
    }
  }

  /// `results[2].median_us` from a coding path.
  package static func path(_ keys: [any CodingKey]) -> String {
    var text = ""
    for key in keys {
      if let index = key.intValue {
        text += "[\(index)]"
      } else {
        text += (text.isEmpty ? "" : ".") + key.stringValue
      }
    }
    return text
  }

  /// A Swift type as a JSON value in words: `a number`, `a string`.
  static func name(of type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Int.Type, is UInt64.Type: "an integer"
    case is Double.Type: "a number"
    case is [String: String].Type: "an object of strings"
    default: "a JSON \(String(describing: type).lowercased())"
    }
  }
}
