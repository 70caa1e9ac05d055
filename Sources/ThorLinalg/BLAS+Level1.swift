internal import CLapack

extension BLAS {
  /// `Σ |xᵢ|` over `count` contiguous elements (`?asum`).
  package static func asum<T: LinalgScalar>(
    count: Int, x: UnsafePointer<T>
  ) -> T {
    guard count > 0 else { return 0 }
    if T.self == Float.self {
      return Lapack.withFloat(x) { T(cblas_sasum(Int32(count), $0, 1)) }
    }
    return Lapack.withDouble(x) { T(cblas_dasum(Int32(count), $0, 1)) }
  }
}
