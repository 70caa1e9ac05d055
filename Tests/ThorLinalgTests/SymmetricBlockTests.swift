import Testing

@testable import ThorLinalg

@Suite("Symmetric blocks") struct SymmetricBlockTests {
  /// `x(i, j) = 100i + j`, so the symmetric part is `50(i + j) + (i + j)/2`.
  func fill(_ d: Int) -> (UnsafeMutablePointer<Double>) -> Void {
    { out in
      for j in 0..<d {
        for i in 0..<d { out[i + j * d] = Double(100 * i + j) }
      }
    }
  }

  @Test(arguments: [1, 2, 64, 70, 130])
  func copyIsReplacedByItsSymmetricPart(d: Int) {
    let block = Matrix<Double>.symmetricBlock(
      dimension: d, isSymmetric: false, copy: fill(d))
    for j in 0..<d {
      for i in 0..<d {
        #expect(block[i, j] == 50.5 * Double(i + j))
      }
    }
  }

  @Test func aSymmetricSourceIsCopiedAsItIs() {
    let block = Matrix<Double>.symmetricBlock(
      dimension: 2, isSymmetric: true, copy: fill(2))
    #expect(block.storage == [0, 100, 1, 101])
  }
}
