import ThorLinalg

/// Computes ``SplitLosses`` for one factor without full eigendecompositions.
///
/// Only largest eigenvalues are needed (the spectral norm of a positive
/// semi-definite block is its largest eigenvalue). Blocks up to
/// ``denseLimit`` go to LAPACK `dsyevr` asked for one eigenvalue; larger ones
/// to ``Lanczos`` on the factor as stored (``FactorView``: panels widened
/// to `Float64`, so no copy of the factor is made), with `dsyevr` on a
/// copy of the block as the fallback when Lanczos does not converge and
/// the copy fits ``denseFallbackBytes``; otherwise a longer Lanczos run,
/// and the copy only if that run's bound is still above `1e-6` of the
/// value.
/// Work is skipped with bounds:
/// a block's largest eigenvalue lies between its largest diagonal element
/// and the smallest of its trace, its largest Gershgorin row sum and the
/// largest eigenvalue of any already computed block containing it (Cauchy
/// interlacing), so blocks whose upper bound cannot beat the best block so
/// far are never solved. Candidates are processed largest first so that
/// big blocks bound the small ones inside them.
package struct EigenLoss: Sendable {
  /// Blocks of at most this dimension use `dsyevr`; larger ones Lanczos.
  /// The default, 24, is where Lanczos starts to win on a small spectral
  /// gap, and with a large gap it wins earlier (`thor-bench
  /// eigen-crossover` measures both).
  package var denseLimit: Int
  /// The Lanczos error bound relative to each eigenvalue; `1e-10` keeps
  /// the loss within well under `1e-6` of the exact value.
  package var relativeTolerance: Double

  /// The largest dense `Float64` copy of a block made when Lanczos does
  /// not converge; larger blocks get a longer Lanczos run instead.
  package var denseFallbackBytes: Int

  package init(
    denseLimit: Int = 24, relativeTolerance: Double = 1e-10,
    denseFallbackBytes: Int = 64 << 20
  ) {
    self.denseLimit = denseLimit
    self.relativeTolerance = relativeTolerance
    self.denseFallbackBytes = denseFallbackBytes
  }

  /// Bytes of work buffers for a factor of dimension `d`: the Lanczos
  /// basis (longest run) and the panel and column buffers.
  package static func workspaceBytes(dimension d: Int) -> Int {
    8 * (d * (Self.longRunSteps(d) + 2) + Self.panelElements + d)
  }

  /// The panel of widened columns for products with a stored factor.
  static let panelElements = 1 << 19

  /// The relative bound a long Lanczos run must reach to be taken.
  static let lastResort = 1e-6

  /// Steps of the Lanczos run that replaces the dense fallback.
  static func longRunSteps(_ n: Int) -> Int { Swift.min(n, 1500) }

  /// The largest eigenvalue of `a` and of the largest block at every
  /// candidate split.
  /// - Parameters:
  ///   - a: a symmetric positive semi-definite factor (an asymmetric one
  ///     is analysed as `(A + Aᵀ)/2`).
  ///   - candidates: split dimensions, each at least 1.
  /// - Throws: ``LinearAlgebraError`` when LAPACK fails.
  package func losses(
    of a: Matrix<Double>, candidates: [Int]
  ) throws(LinearAlgebraError) -> SplitLosses {
    guard a.isSquare else {
      throw .notSquare(rows: a.rows, columns: a.columns)
    }
    return try FactorView.with(a) { view throws(LinearAlgebraError) in
      try losses(of: view, candidates: candidates)
    }
  }

  /// As ``losses(of:candidates:)`` for a factor as stored.
  func losses(
    of view: FactorView, candidates: [Int]
  ) throws(LinearAlgebraError) -> SplitLosses {
    let d = view.dimension
    var work = Work(
      view: view, panel: Scratch(count: Self.panelElements),
      column: Scratch(count: d))
    guard d > 0, BlockBounds(of: view, 0..<d, column: work.column).upper > 0
    else {
      return SplitLosses(
        dimension: d, spectralNorm: 0,
        blockNorms: [Double](repeating: 0, count: candidates.count))
    }
    let whole = try largestEigenvalue(0..<d, &work)
    var norms = [Double](repeating: whole, count: candidates.count)
    let order = candidates.indices.sorted { candidates[$0] > candidates[$1] }
    for index in order where candidates[index] < d {
      let ranges = BlockPartition(dimension: d, split: candidates[index])
        .ranges
      norms[index] = try largestBlockEigenvalue(ranges, &work)
    }
    return SplitLosses(dimension: d, spectralNorm: whole, blockNorms: norms)
  }

  /// One factor's view, buffers and solved blocks.
  struct Work {
    let view: FactorView
    let panel: Scratch
    let column: Scratch
    var solved: [Range<Int>: Double] = [:]
  }

  /// `max_j λmax(A_jj)` over `ranges`, solving only blocks that can win.
  private func largestBlockEigenvalue(
    _ ranges: [Range<Int>], _ work: inout Work
  ) throws(LinearAlgebraError) -> Double {
    var bounds = ranges.map {
      BlockBounds(of: work.view, $0, column: work.column)
    }
    for (range, value) in work.solved {
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
      best = Swift.max(best, try largestEigenvalue(block.range, &work))
    }
    return best
  }

  /// The largest eigenvalue of the diagonal block `range`, remembered in
  /// `work.solved`.
  private func largestEigenvalue(
    _ range: Range<Int>, _ work: inout Work
  ) throws(LinearAlgebraError) -> Double {
    if let known = work.solved[range] { return known }
    let n = range.count
    var value: Double
    if n <= denseLimit {
      value = try Self.dense(work.view, range)
    } else {
      var lanczos = Lanczos(relativeTolerance: relativeTolerance)
      var estimate = Self.run(lanczos, range, work)
      if !estimate.converged && 8 * n * n <= denseFallbackBytes {
        estimate.value = try Self.dense(work.view, range)
      } else if !estimate.converged {
        lanczos.maxIterations = Self.longRunSteps(n)
        estimate = Self.run(lanczos, range, work)
        if !estimate.converged
          && estimate.errorBound > Self.lastResort * estimate.value
        {
          estimate.value = try Self.dense(work.view, range)
        }
      }
      value = estimate.value
    }
    work.solved[range] = value
    return value
  }

  private static func run(
    _ lanczos: Lanczos, _ range: Range<Int>, _ work: Work
  ) -> Lanczos.Estimate {
    lanczos.largestEigenvalue(n: range.count) { x, y in
      work.view.multiply(block: range, x: x, y: y, panel: work.panel)
    }
  }

  /// `dsyevr` on a symmetrized `Float64` copy of the block.
  private static func dense(
    _ view: FactorView, _ range: Range<Int>
  ) throws(LinearAlgebraError) -> Double {
    let b = Matrix<Double>.symmetricBlock(
      dimension: range.count, isSymmetric: view.isSymmetric
    ) { view.block(rows: range, columns: range, into: $0) }
    return try b.largestSymmetricEigenvalue()
  }
}
