/// Which Kronecker factor of a layer a tensor holds (README, "File formats and
/// definitions").
package enum FactorKind: String, Sendable, CaseIterable, Codable {
  /// The input-side factor `E[a aᵀ]`, tensor `<layer>.A`.
  case a = "A"
  /// The output-side factor `E[g gᵀ]`, tensor `<layer>.G`.
  case g = "G"

  /// Splits a tensor name `<layer>.A` or `<layer>.G` into layer and kind;
  /// `nil` for any other name.
  package static func parse(_ tensorName: String) -> (
    layer: String, kind: FactorKind
  )? {
    for kind in allCases where tensorName.hasSuffix("." + kind.rawValue) {
      let layer = String(tensorName.dropLast(kind.rawValue.count + 1))
      if !layer.isEmpty { return (layer, kind) }
    }
    return nil
  }
}
