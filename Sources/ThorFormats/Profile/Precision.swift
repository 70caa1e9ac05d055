/// The two precisions LAPACK offers in real arithmetic.
package enum Precision: String, Sendable, Codable, CaseIterable {
  case float32
  case float64

  /// Bytes per element.
  package var byteCount: Int { self == .float32 ? 4 : 8 }
}
