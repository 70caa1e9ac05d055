import Foundation
import ThorFormats

/// The block sizes THOR splits one layer's factors into (Eq. 10); a split
/// at least the factor's dimension means no split.
package struct FactorSplits: Sendable, Equatable {
  /// Block size for `A`.
  package var a: Int
  /// Block size for `G`.
  package var g: Int

  package init(a: Int, g: Int) {
    precondition(a >= 1 && g >= 1, "splits must be at least 1")
    self.a = a
    self.g = g
  }

  /// No split: K-FAC's full factors.
  package static let none = FactorSplits(a: .max, g: .max)

  /// Where the splits of every layer come from.
  package enum Source: Sendable, Equatable {
    /// Full factors (K-FAC).
    case none
    /// The same block size for every factor (`--split N`).
    case uniform(Int)
    /// Per layer and factor from a plan (`--plan plan.json`); `partial`
    /// accepts a plan whose layers differ from the model's (`--plan-partial`)
    /// and leaves the model's unplanned layers unsplit.
    case plan(Plan, path: String, partial: Bool)
  }

  /// A layer as the split resolution sees it.
  package struct LayerShape: Sendable, Equatable {
    package var name: String
    package var inputDimension: Int
    package var outputDimension: Int

    package init(name: String, inputDimension: Int, outputDimension: Int) {
      self.name = name
      self.inputDimension = inputDimension
      self.outputDimension = outputDimension
    }
  }

  /// The splits of every layer of a model, by layer name.
  /// - Throws: ``SecondOrderError`` when a plan names layers the model
  ///   lacks or misses layers it has (listing both, unless partial), or a
  ///   planned factor's dimension is not the model's.
  package static func resolve(_ source: Source, layers: [LayerShape])
    throws(SecondOrderError) -> [String: FactorSplits]
  {
    switch source {
    case .none:
      return Dictionary(uniqueKeysWithValues: layers.map { ($0.name, .none) })
    case .uniform(let split):
      guard split >= 1 else {
        throw .invalidOption(
          what: "split", reason: "must be at least 1, got \(split)")
      }
      let s = FactorSplits(a: split, g: split)
      return Dictionary(uniqueKeysWithValues: layers.map { ($0.name, s) })
    case .plan(let plan, let path, let partial):
      return try resolve(plan, path: path, partial: partial, layers: layers)
    }
  }

  /// Warnings about `source` that do not stop training: a planned split
  /// above its factor's dimension that is not one of the plan's candidates
  /// (a hand-edited or foreign plan), applied as no split.
  package static func warnings(_ source: Source) -> [String] {
    guard case .plan(let plan, let path, _) = source else { return [] }
    let candidates = Set(plan.candidates)
    var warnings: [String] = []
    for layer in plan.layers {
      for (which, factor) in [("A", layer.A), ("G", layer.G)] {
        guard let factor, factor.split > factor.dim,
          !candidates.contains(factor.split)
        else { continue }
        warnings.append(
          "\(path): layer '\(layer.name)' factor \(which) has split "
            + "\(factor.split), above its dimension \(factor.dim) and not "
            + "one of the plan's candidates; it is applied as no split")
      }
    }
    return warnings
  }

  private static func resolve(
    _ plan: Plan, path: String, partial: Bool, layers: [LayerShape]
  ) throws(SecondOrderError) -> [String: FactorSplits] {
    do {
      try plan.checkFormat(path: path)
    } catch {
      throw SecondOrderError(error)
    }
    let modelNames = Set(layers.map(\.name))
    let planned = Dictionary(
      plan.layers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let unknown = plan.layers.map(\.name).filter { !modelNames.contains($0) }
    let missing = layers.map(\.name).filter { planned[$0] == nil }
    if !partial && !(unknown.isEmpty && missing.isEmpty) {
      throw .planLayerMismatch(
        path: path, unknownToModel: unknown, missingFromPlan: missing)
    }
    var result: [String: FactorSplits] = [:]
    for layer in layers {
      guard let entry = planned[layer.name] else {
        result[layer.name] = FactorSplits.none
        continue
      }
      let a = try split(
        entry.A, "A", layer.name, layer.inputDimension, path)
      let g = try split(
        entry.G, "G", layer.name, layer.outputDimension, path)
      result[layer.name] = FactorSplits(a: a, g: g)
    }
    return result
  }

  private static func split(
    _ factor: Plan.Factor?, _ which: String, _ layer: String,
    _ dimension: Int, _ path: String
  ) throws(SecondOrderError) -> Int {
    guard let factor else { return .max }
    guard factor.dim == dimension else {
      throw .planDimensionMismatch(
        path: path, layer: layer, factor: which, plan: factor.dim,
        model: dimension)
    }
    guard factor.split >= 1 else {
      throw .invalidOption(
        what: "plan",
        reason: "\(path): layer '\(layer)' factor \(which) "
          + "has split \(factor.split)")
    }
    return factor.split
  }
}
