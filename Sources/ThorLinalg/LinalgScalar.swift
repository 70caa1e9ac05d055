import ThorFormats

/// A floating-point type the linear-algebra core computes in: `Float` or
/// `Double`, matching LAPACK's `s` and `d` routines.
package protocol LinalgScalar:
  BinaryFloatingPoint, Sendable, Codable, CustomStringConvertible
where RawSignificand: FixedWidthInteger {
  /// The precision's name as profiles and plans write it.
  static var precision: Precision { get }
}

extension Float: LinalgScalar {
  package static var precision: Precision { .float32 }
}

extension Double: LinalgScalar {
  package static var precision: Precision { .float64 }
}
