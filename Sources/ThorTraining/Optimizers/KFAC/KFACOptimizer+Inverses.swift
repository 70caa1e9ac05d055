import ThorLinalg

extension KFACOptimizer {
  /// At an inverse-update point: applies the trace rule per layer and
  /// recomputes the damped, split inverses of the layers it lets through,
  /// each factor on one worker (``BatchParallel/forEach``, costliest
  /// first), so OpenBLAS's own threads stay asleep between training steps.
  func updateInverses(step: Int) throws {
    let start = ContinuousClock.now
    defer { statistics.inverseSeconds += start.secondsElapsed }
    let lambda = currentDamping
    var work: [FactorInversion] = []
    for state in curvature where state.factors.estimateCount > 0 {
      let f = state.factors
      let traceA = f.traceA
      let traceG = f.traceG
      let dA = f.upperA.rows
      let dG = f.upperG.rows
      let decision: TraceRule.Decision
      if let rule = configuration.traceRule {
        let trace = rule.trace(
          traceA: traceA, traceG: traceG, dimensionA: dA, dimensionG: dG,
          damping: lambda)
        let wasFrozen = state.trace.isFrozen
        decision = state.trace.decide(trace: trace, rule: rule)
        if decision == .freeze && !wasFrozen {
          state.decisions.freezeStep = step
          state.decisions.freezeChange = state.trace.lastChange
        }
      } else {
        decision = .update
      }
      switch decision {
      case .update: state.decisions.updated += 1
      case .skip: state.decisions.skipped += 1
      case .freeze: state.decisions.frozen += 1
      }
      guard decision == .update || state.inverseA == nil else { continue }
      let gamma = configuration.dampingForm.factorDamping(
        lambda: lambda, traceA: traceA, dimensionA: dA, traceG: traceG,
        dimensionG: dG)
      work.append(
        FactorInversion(
          state: state, isA: true, damping: Float(gamma.a),
          jitter: state.jitterA))
      work.append(
        FactorInversion(
          state: state, isA: false, damping: Float(gamma.g),
          jitter: state.jitterG))
    }
    let costliest = work.indices.sorted { work[$0].cost > work[$1].cost }
    BatchParallel.forEach(costliest.count) { i in
      let job = work[costliest[i]]
      job.result = Result { () throws(SecondOrderError) in
        try Self.invert(
          job.factor, split: job.split, damping: job.damping,
          jitter: &job.jitter, label: job.label, step: step,
          notes: &job.notes)
      }
    }
    for job in work {
      statistics.notes += job.notes
      let inverse = try job.result!.get()
      if job.isA {
        job.state.inverseA = inverse
        job.state.jitterA = job.jitter
      } else {
        job.state.inverseG = inverse
        job.state.jitterG = job.jitter
      }
    }
  }

  /// One factor to invert on a worker, and what its inversion produced.
  private final class FactorInversion {
    let state: LayerCurvature
    let isA: Bool
    let damping: Float
    var jitter: Float
    var notes: [String] = []
    var result: Result<BlockDiagonalMatrix<Float>, SecondOrderError>?

    init(state: LayerCurvature, isA: Bool, damping: Float, jitter: Float) {
      self.state = state
      self.isA = isA
      self.damping = damping
      self.jitter = jitter
    }

    var factor: Matrix<Float> {
      isA ? state.factors.upperA : state.factors.upperG
    }
    var split: Int { isA ? state.splits.a : state.splits.g }
    var label: String { "\(state.name).\(isA ? "A" : "G")" }
    /// Multiply-adds of the blocked inversion, up to a constant: d·s².
    var cost: Double {
      let d = Double(factor.rows)
      let s = Swift.min(Double(split), d)
      return d * s * s
    }
  }

  /// `(X + (γ + jitter)I)⁻¹` split at `split`. When Cholesky fails the
  /// jitter grows tenfold (from 10⁻⁶ of the mean diagonal) until it
  /// succeeds, at most ``maximumJitterAttempts`` times, and a note says so;
  /// the jitter is kept for later updates of this factor.
  /// - Throws: ``SecondOrderError/nonFiniteFactor(name:)`` for NaN or
  ///   infinite statistics, ``SecondOrderError/notInvertible(name:reason:)``
  ///   when even the largest jitter fails.
  private static func invert(
    _ factor: Matrix<Float>, split: Int, damping: Float, jitter: inout Float,
    label: String, step: Int, notes: inout [String]
  ) throws(SecondOrderError) -> BlockDiagonalMatrix<Float> {
    let blocks = BlockDiagonalMatrix(diagonalBlocksOf: factor, split: split)
    var lastError = ""
    for _ in 0...Self.maximumJitterAttempts {
      var b = blocks
      b.addToDiagonal(damping + jitter)
      do {
        try b.invert(method: .cholesky)
        return b
      } catch .nonFinite {
        throw .nonFiniteFactor(name: label)
      } catch {
        lastError = "\(error)"
        let scale = max(Float(factor.trace) / Float(max(factor.rows, 1)), 1)
        jitter = jitter == 0 ? 1e-6 * scale : jitter * 10
        notes.append(
          "\(label): Cholesky failed at step \(step) (\(error)); "
            + "jitter raised to \(jitter)")
      }
    }
    throw .notInvertible(name: label, reason: lastError)
  }

  /// How often the jitter grows before an inversion is given up.
  static var maximumJitterAttempts: Int { 8 }
}
