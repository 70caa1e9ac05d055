import Testing
@testable import ThorLinalg

@Suite("Matrix inversion") struct MatrixInverseTests {
  @Test(arguments: [1, 2, 17, 64])
  func choleskyProductIsIdentity(n: Int) throws {
    let a = Matrix<Double>.wellConditioned(n, seed: UInt64(n))
    let product = a * (try a.inverted())
    #expect(product.isClose(to: .identity(n), tolerance: 1e-9))
  }
}
