import ThorLinalg

/// Computes ``SplitLosses`` for one factor without full eigendecompositions.
///
/// Only largest eigenvalues are needed (the spectral norm of a positive
/// semi-definite block is its largest eigenvalue). Blocks up to
/// ``denseLimit`` go to LAPACK `dsyevr` asked for one eigenvalue; larger ones
/// to ``Lanczos`` in place on the factor's storage, with `dsyevr` as the
/// fallback when Lanczos does not converge. Work is skipped with bounds:
/// a block's largest eigenvalue lies between its largest diagonal element
/// and the smallest of its trace, its largest Gershgorin row sum and the
/// largest eigenvalue of any already computed block containing it (Cauchy
/// interlacing), so blocks whose upper bound cannot beat the best block so
/// far are never solved. Candidates are processed largest first so that
/// big blocks bound the small ones inside them.
public struct EigenLoss: Sendable {
  /// Blocks of at most this dimension use `dsyevr`; larger ones Lanczos.
  /// The default, 24, is where Lanczos starts to win on a small spectral
  /// gap (`thor-bench eigen-crossover`: at n = 32 `dsyevr` takes 41 µs,
  /// Lanczos 22 µs; with a large gap Lanczos wins from n = 12).
  public var denseLimit: Int
  /// The Lanczos error bound relative to each eigenvalue; `1e-10` keeps
  /// the loss within well under `1e-6` of the exact value.
  public var relativeTolerance: Double

  public init(denseLimit: Int = 24, relativeTolerance: Double = 1e-10) {
    self.denseLimit = denseLimit
    self.relativeTolerance = relativeTolerance
  }

  /// The largest eigenvalue of `a` and of the largest block at every
  /// candidate split.
  /// - Parameters:
  ///   - a: a symmetric positive semi-definite factor, both triangles set.
  ///   - candidates: split dimensions, each at least 1.
  /// - Throws: ``LinearAlgebraError`` when LAPACK fails.
  public func losses(
    of a: Matrix<Double>, candidates: [Int]
  ) throws(LinearAlgebraError) -> SplitLosses {
    guard a.isSquare else {
      throw .notSquare(rows: a.rows, columns: a.columns)
    }
    let d = a.rows
    guard d > 0, BlockBounds(of: a, 0..<d).upper > 0 else {
      return SplitLosses(
        dimension: d, spectralNorm: 0,
        blockNorms: [Double](repeating: 0, count: candidates.count))
    }
    var solved: [Range<Int>: Double] = [:]
    let whole = try largestEigenvalue(of: a, 0..<d, solved: &solved)
    var norms = [Double](repeating: whole, count: candidates.count)
    let order = candidates.indices.sorted { candidates[$0] > candidates[$1] }
    for index in order where candidates[index] < d {
      let ranges = BlockPartition(dimension: d, split: candidates[index])
        .ranges
      norms[index] = try largestBlockEigenvalue(
        of: a, ranges, solved: &solved)
    }
    return SplitLosses(dimension: d, spectralNorm: whole, blockNorms: norms)
  }

  /// `max_j λmax(A_jj)` over `ranges`, solving only blocks that can win.
  private func largestBlockEigenvalue(
    of a: Matrix<Double>, _ ranges: [Range<Int>],
    solved: inout [Range<Int>: Double]
  ) throws(LinearAlgebraError) -> Double {
    var bounds = ranges.map { BlockBounds(of: a, $0) }
    for (range, value) in solved {
      for i in bounds.indices
      where range.lowerBound <= bounds[i].range.lowerBound
        && bounds[i].range.upperBound <= range.upperBound
      {
        bounds[i].upper = Swift.min(bounds[i].upper, value)
      }
    }
    bounds.sort { $0.upper > $1.upper }
    var best = bounds.map(\.lower).max() ?? 0
    for block in bounds {
      if block.upper <= best { break }
      best = Swift.max(
        best, try largestEigenvalue(of: a, block.range, solved: &solved))
    }
    return best
  }

  /// The largest eigenvalue of the diagonal block `range`, remembered in
  /// `solved`.
  private func largestEigenvalue(
    of a: Matrix<Double>, _ range: Range<Int>,
    solved: inout [Range<Int>: Double]
  ) throws(LinearAlgebraError) -> Double {
    if let known = solved[range] { return known }
    var value: Double
    if range.count <= denseLimit {
      value = try a.block(range).largestSymmetricEigenvalue()
    } else {
      let lanczos = Lanczos(relativeTolerance: relativeTolerance)
      let offset = range.lowerBound * (a.rows + 1)
      let estimate = a.withUnsafeElements {
        lanczos.largestEigenvalue(
          n: range.count, a: $0.baseAddress! + offset, lda: a.rows)
      }
      value = estimate.value
      if !estimate.converged {
        value = try a.block(range).largestSymmetricEigenvalue()
      }
    }
    solved[range] = value
    return value
  }
}
