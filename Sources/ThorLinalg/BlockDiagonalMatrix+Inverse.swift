extension BlockDiagonalMatrix {
  /// Replaces every block by its inverse (blocks must be symmetric positive
  /// definite; upper triangles are read). Afterwards the upper triangle of
  /// each block holds its inverse; apply it with the symmetric products
  /// ``rightMultiply(_:rows:ld:)`` and ``leftMultiply(_:columns:ld:)``, or
  /// call ``dense()`` after ``completeLowerTriangles()``.
  /// - Throws: ``LinearAlgebraError`` for the first block that fails, with
  ///   the block's position added to a Cholesky minor.
  public mutating func invert(method: InversionMethod = .cholesky)
    throws(LinearAlgebraError)
  {
    if let k = packed.firstIndex(where: { !$0.isFinite }) {
      let (row, column) = position(ofPacked: k)
      throw .nonFinite(row: row, column: column)
    }
    let inverter = Inverter<Scalar>(
      method: method, maxDimension: partition.split)
    let ranges = partition.ranges
    let offsets = offsets
    try packed.withUnsafeMutableBufferPointer {
      (p) throws(LinearAlgebraError) in
      for (j, range) in ranges.enumerated() {
        do throws(LinearAlgebraError) {
          try inverter.invert(
            p.baseAddress! + offsets[j], n: range.count, lda: range.count)
        } catch .notPositiveDefinite(let routine, let minor) {
          throw .notPositiveDefinite(
            routine: routine, minor: range.lowerBound + minor)
        } catch { throw error }
      }
    }
  }

  /// Copies each block's upper triangle into its lower triangle.
  public mutating func completeLowerTriangles() {
    let ranges = partition.ranges
    let offsets = offsets
    packed.withUnsafeMutableBufferPointer { p in
      for (j, range) in ranges.enumerated() {
        let n = range.count, o = offsets[j]
        for c in 0..<n {
          for r in 0..<c { p[o + c + r * n] = p[o + r + c * n] }
        }
      }
    }
  }

  /// The (row, column) in the dense matrix of packed element `k`.
  private func position(ofPacked k: Int) -> (Int, Int) {
    let j = offsets.lastIndex(where: { $0 <= k }) ?? 0
    let n = partition.ranges[j].count
    let local = k - offsets[j]
    let start = partition.ranges[j].lowerBound
    return (start + local % n, start + local / n)
  }
}
