/// A dense matrix stored column-major, as LAPACK expects.
///
/// Methods that loop over elements carry `@_specialize` for `Float` and
/// `Double`: called from another module, generic code would otherwise run
/// unspecialized, several times slower.
package struct Matrix<Scalar: LinalgScalar>: Equatable, Sendable {
  /// Number of rows.
  package let rows: Int
  /// Number of columns.
  package let columns: Int
  /// Elements, column by column: element (i, j) is at `i + j * rows`.
  package internal(set) var storage: [Scalar]

  /// Creates a matrix filled with one value.
  package init(rows: Int, columns: Int, repeating value: Scalar = 0) {
    precondition(rows >= 0 && columns >= 0, "negative matrix size")
    self.rows = rows
    self.columns = columns
    storage = [Scalar](repeating: value, count: rows * columns)
  }

  /// Creates a matrix from column-major elements.
  package init(rows: Int, columns: Int, columnMajor elements: [Scalar]) {
    precondition(elements.count == rows * columns, "element count mismatch")
    self.rows = rows
    self.columns = columns
    storage = elements
  }

  /// Creates a matrix from row-major elements (one transposing copy).
  package init(rows: Int, columns: Int, rowMajor elements: [Scalar]) {
    precondition(elements.count == rows * columns, "element count mismatch")
    self.init(rows: columns, columns: rows, columnMajor: elements)
    self = transposed()
  }

  /// Creates a matrix whose elements come from a closure of (row, column).
  package init(rows: Int, columns: Int, _ element: (Int, Int) -> Scalar) {
    self.init(rows: rows, columns: columns)
    for j in 0..<columns {
      for i in 0..<rows { storage[i + j * rows] = element(i, j) }
    }
  }

  /// The `n x n` identity matrix.
  package static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.storage[i * (n + 1)] = 1 }
    return m
  }

  /// Whether the matrix is square.
  package var isSquare: Bool { rows == columns }

  /// Element at row `i`, column `j`.
  package subscript(i: Int, j: Int) -> Scalar {
    get { storage[i + j * rows] }
    set { storage[i + j * rows] = newValue }
  }

  /// Calls `body` with the column-major elements.
  package func withUnsafeElements<R>(
    _ body: (UnsafeBufferPointer<Scalar>) throws -> R
  ) rethrows -> R {
    try storage.withUnsafeBufferPointer { try body($0) }
  }

  /// Calls `body` with the column-major elements, for in-place work.
  package mutating func withUnsafeMutableElements<R>(
    _ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R
  ) rethrows -> R {
    try storage.withUnsafeMutableBufferPointer { try body($0) }
  }

  /// The transpose.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func transposed() -> Matrix {
    var t = Matrix(rows: columns, columns: rows)
    storage.withUnsafeBufferPointer { src in
      t.storage.withUnsafeMutableBufferPointer { dst in
        for j in 0..<columns {
          for i in 0..<rows { dst[j + i * columns] = src[i + j * rows] }
        }
      }
    }
    return t
  }

  /// The sum of the diagonal.
  package var trace: Scalar {
    var sum: Scalar = 0
    for i in 0..<Swift.min(rows, columns) { sum += storage[i * (rows + 1)] }
    return sum
  }

  /// The diagonal block of rows and columns `range`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func block(_ range: Range<Int>) -> Matrix {
    precondition(
      range.lowerBound >= 0 && range.upperBound <= rows
        && range.upperBound <= columns, "block out of bounds")
    var b = Matrix(rows: range.count, columns: range.count)
    let n = range.count
    storage.withUnsafeBufferPointer { src in
      b.storage.withUnsafeMutableBufferPointer { dst in
        for j in 0..<n {
          let from = range.lowerBound + (range.lowerBound + j) * rows
          for i in 0..<n { dst[i + j * n] = src[from + i] }
        }
      }
    }
    return b
  }

  /// Adds `value` to every diagonal element (damping: `A + γI`).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package mutating func addToDiagonal(_ value: Scalar) {
    for i in 0..<Swift.min(rows, columns) { storage[i * (rows + 1)] += value }
  }

  /// The position of the first NaN or infinity, if any.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func firstNonFinite() -> (row: Int, column: Int)? {
    guard let k = storage.firstIndex(where: { !$0.isFinite }) else {
      return nil
    }
    return (k % Swift.max(rows, 1), k / Swift.max(rows, 1))
  }

  /// Throws unless every element is finite.
  package func checkFinite() throws(LinearAlgebraError) {
    if let (r, c) = firstNonFinite() { throw .nonFinite(row: r, column: c) }
  }

  /// The largest `|aᵢⱼ − aⱼᵢ|` relative to the largest `|aᵢⱼ|` (0 for zero).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func relativeAsymmetry() -> Scalar {
    precondition(isSquare, "asymmetry of a non-square matrix")
    var worst: Scalar = 0
    var largest: Scalar = 0
    for j in 0..<columns {
      for i in 0..<rows {
        largest = Swift.max(largest, abs(storage[i + j * rows]))
        if i < j {
          worst = Swift.max(
            worst, abs(storage[i + j * rows] - storage[j + i * rows]))
        }
      }
    }
    return largest == 0 ? 0 : worst / largest
  }

  /// Copies the upper triangle into the lower one (LAPACK's `U` results).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package mutating func mirrorUpperToLower() {
    precondition(isSquare, "mirroring a non-square matrix")
    let n = rows
    storage.withUnsafeMutableBufferPointer { a in
      for j in 0..<n {
        for i in 0..<j { a[j + i * n] = a[i + j * n] }
      }
    }
  }

  /// The largest absolute element-wise difference to `other`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  package func maxAbsDifference(to other: Matrix) -> Scalar {
    precondition(rows == other.rows && columns == other.columns)
    var worst: Scalar = 0
    for k in storage.indices {
      worst = Swift.max(worst, abs(storage[k] - other.storage[k]))
    }
    return worst
  }

  /// Whether every element is within `tolerance` of `other`'s.
  package func isClose(to other: Matrix, tolerance: Scalar) -> Bool {
    rows == other.rows && columns == other.columns
      && maxAbsDifference(to: other) <= tolerance
  }

  /// The same matrix in another precision.
  package func converted<Other: LinalgScalar>(
    to: Other.Type = Other.self
  ) -> Matrix<Other> {
    Matrix<Other>(
      rows: rows, columns: columns, columnMajor: storage.map { Other($0) })
  }
}
