import Foundation
import ThorSolver

extension FactorSplits.Source {
  /// Reads a plan file, checking its `format` and `version` before
  /// decoding the rest, so a foreign or newer file gets that error.
  /// - Throws: ``SecondOrderError/unreadablePlan(path:reason:)`` or
  ///   ``SecondOrderError/unknownPlanFormat(path:format:version:)``.
  public static func loadPlan(at path: String, partial: Bool)
    throws(SecondOrderError) -> Self
  {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadablePlan(path: path, reason: error.localizedDescription)
    }
    struct Tag: Decodable {
      var format: String?
      var version: Int?
    }
    let tag: Tag
    do {
      tag = try JSONDecoder().decode(Tag.self, from: data)
    } catch {
      throw .unreadablePlan(path: path, reason: "not a JSON object")
    }
    guard tag.format == Plan.formatName, tag.version == Plan.formatVersion
    else {
      throw .unknownPlanFormat(
        path: path, format: tag.format ?? "(none)", version: tag.version)
    }
    do {
      let plan = try JSONDecoder().decode(Plan.self, from: data)
      return .plan(plan, path: path, partial: partial)
    } catch let DecodingError.keyNotFound(key, context) {
      throw .unreadablePlan(
        path: path, reason: "missing field '\(Self.path(context, key))'")
    } catch let DecodingError.typeMismatch(_, context) {
      throw .unreadablePlan(
        path: path, reason: "wrong type at '\(Self.path(context, nil))'")
    } catch let DecodingError.valueNotFound(_, context) {
      throw .unreadablePlan(
        path: path, reason: "null at '\(Self.path(context, nil))'")
    } catch {
      throw .unreadablePlan(path: path, reason: "\(error)")
    }
  }

  private static func path(
    _ context: DecodingError.Context, _ key: (any CodingKey)?
  ) -> String {
    let keys = context.codingPath + (key.map { [$0] } ?? [])
    return keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
      .joined(separator: ".")
  }
}
