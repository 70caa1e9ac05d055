import Testing

@testable import ThorLinalg

@Suite("BLAS products") struct BLASTests {
  static let transposes: [(Transpose, Transpose)] = [
    (.none, .none), (.none, .transposed), (.transposed, .none),
    (.transposed, .transposed),
  ]

  @Test(arguments: 0..<4)
  func gemmMatchesLoopsWithLeadingDimensions(case index: Int) {
    let (ta, tb) = Self.transposes[index]
    let (m, n, k) = (5, 3, 4)
    // Operands stored inside taller arrays (lda > rows) with alpha, beta.
    let aRows = ta == .none ? m : k
    let aCols = ta == .none ? k : m
    let bRows = tb == .none ? k : n
    let bCols = tb == .none ? n : k
    let a = Matrix<Double>.random(rows: aRows + 2, columns: aCols, seed: 1)
    let b = Matrix<Double>.random(rows: bRows + 1, columns: bCols, seed: 2)
    var c = Matrix<Double>.random(rows: m + 3, columns: n, seed: 3)
    let opA = Matrix<Double>(rows: m, columns: k) { i, j in
      ta == .none ? a[i, j] : a[j, i]
    }
    let opB = Matrix<Double>(rows: k, columns: n) { i, j in
      tb == .none ? b[i, j] : b[j, i]
    }
    let product = opA.naiveProduct(opB)
    let expected = Matrix<Double>(rows: m + 3, columns: n) { i, j in
      i < m ? 2 * product[i, j] + 0.5 * c[i, j] : c[i, j]
    }
    a.withUnsafeElements { a in
      b.withUnsafeElements { b in
        c.withUnsafeMutableElements { c in
          BLAS.gemm(
            ta, tb, m: m, n: n, k: k, alpha: 2, a: a.baseAddress!,
            lda: aRows + 2, b: b.baseAddress!, ldb: bRows + 1, beta: 0.5,
            c: c.baseAddress!, ldc: m + 3)
        }
      }
    }
    #expect(c.isClose(to: expected, tolerance: 1e-14))
  }

  @Test func matrixProductsMatchLoops() {
    let a = Matrix<Float>.random(rows: 7, columns: 4, seed: 4)
    let b = Matrix<Float>.random(rows: 4, columns: 6, seed: 5)
    #expect((a * b).isClose(to: a.naiveProduct(b), tolerance: 1e-6))
    let at = a.naiveTranspose()
    #expect(
      at.multiplied(by: b, transposingSelf: true)
        .isClose(to: a.naiveProduct(b), tolerance: 1e-6))
    #expect(
      a.multiplied(by: b.naiveTranspose(), transposingOther: true)
        .isClose(to: a.naiveProduct(b), tolerance: 1e-6))
  }

  @Test func gramMatchesLoops() {
    let a = Matrix<Double>.random(rows: 9, columns: 5, seed: 6)
    let expected = a.naiveTranspose().naiveProduct(a)
    let gram = a.gram(scaledBy: 0.25)
    #expect(gram.isClose(to: 0.25 * expected, tolerance: 1e-14))
  }

  @Test func syrkUntransposedMatchesLoops() {
    let a = Matrix<Double>.random(rows: 4, columns: 6, seed: 7)
    let expected = a.naiveProduct(a.naiveTranspose())
    var c = Matrix<Double>(rows: 4, columns: 4, repeating: 1)
    a.withUnsafeElements { a in
      c.withUnsafeMutableElements { c in
        BLAS.syrk(
          .none, n: 4, k: 6, a: a.baseAddress!, lda: 4, beta: 1,
          c: c.baseAddress!, ldc: 4)
      }
    }
    for j in 0..<4 {
      for i in 0...j { #expect(abs(c[i, j] - expected[i, j] - 1) < 1e-14) }
      // The strict lower triangle is not touched.
      for i in (j + 1)..<4 { #expect(c[i, j] == 1) }
    }
  }

  @Test func gemvMatchesLoops() {
    let a = Matrix<Double>.random(rows: 5, columns: 3, seed: 8)
    let x: [Double] = [1, -2, 0.5]
    let y: [Double] = [3, 1, -1, 2, 0.25]
    let ax = a.multiplied(by: x)
    let aty = a.multiplied(by: y, transposingSelf: true)
    for i in 0..<5 {
      let e = (0..<3).map { a[i, $0] * x[$0] }.reduce(0, +)
      #expect(abs(ax[i] - e) < 1e-14)
    }
    for j in 0..<3 {
      let e = (0..<5).map { a[$0, j] * y[$0] }.reduce(0, +)
      #expect(abs(aty[j] - e) < 1e-14)
    }
  }

  @Test func symvReadsTheUpperTriangle() {
    let s = Matrix<Double>.wellConditioned(6, seed: 9)
    var upperOnly = s
    for j in 0..<6 { for i in (j + 1)..<6 { upperOnly[i, j] = .nan } }
    let x: [Double] = [1, 2, -1, 0.5, 3, -2]
    let y = upperOnly.symmetricMultiplied(by: x)
    let expected = s.naiveProduct(Matrix(rows: 6, columns: 1, columnMajor: x))
    for i in 0..<6 { #expect(abs(y[i] - expected[i, 0]) < 1e-13) }
  }

  @Test(arguments: [BLAS.Side.left, .right])
  func symmMatchesLoops(side: BLAS.Side) {
    let s = Matrix<Float>.wellConditioned(4, seed: 10)
    var upperOnly = s
    for j in 0..<4 { for i in (j + 1)..<4 { upperOnly[i, j] = .nan } }
    let b =
      side == .left
      ? Matrix<Float>.random(rows: 4, columns: 3, seed: 11)
      : Matrix<Float>.random(rows: 3, columns: 4, seed: 11)
    let expected = side == .left ? s.naiveProduct(b) : b.naiveProduct(s)
    var c = Matrix<Float>(rows: b.rows, columns: b.columns)
    upperOnly.withUnsafeElements { a in
      b.withUnsafeElements { bp in
        c.withUnsafeMutableElements { cp in
          BLAS.symm(
            side, m: b.rows, n: b.columns, a: a.baseAddress!, lda: 4,
            b: bp.baseAddress!, ldb: b.rows, c: cp.baseAddress!,
            ldc: b.rows)
        }
      }
    }
    #expect(c.isClose(to: expected, tolerance: 1e-5))
  }

  @Test func scaledAddMatchesLoops() {
    var a = Matrix<Double>.random(rows: 3, columns: 4, seed: 12)
    let b = Matrix<Double>.random(rows: 3, columns: 4, seed: 13)
    let expected = Matrix<Double>(rows: 3, columns: 4) { i, j in
      a[i, j] - 1.5 * b[i, j]
    }
    #expect(
      (a - b).isClose(
        to: Matrix(rows: 3, columns: 4) { i, j in a[i, j] - b[i, j] },
        tolerance: 1e-15))
    a.add(b, scaledBy: -1.5)
    #expect(a.isClose(to: expected, tolerance: 1e-15))
  }
}
