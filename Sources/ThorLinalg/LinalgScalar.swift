/// A floating-point type the linear-algebra core computes in: `Float` or
/// `Double`, matching LAPACK's `s` and `d` routines.
public protocol LinalgScalar:
  BinaryFloatingPoint, Sendable, Codable, CustomStringConvertible
where RawSignificand: FixedWidthInteger {
  /// The precision's name as profiles and plans write it.
  static var precision: Precision { get }
}

/// The two precisions LAPACK offers in real arithmetic.
public enum Precision: String, Sendable, Codable, CaseIterable {
  case float32
  case float64

  /// Bytes per element.
  public var byteCount: Int { self == .float32 ? 4 : 8 }
}

extension Float: LinalgScalar {
  public static var precision: Precision { .float32 }
}

extension Double: LinalgScalar {
  public static var precision: Precision { .float64 }
}
