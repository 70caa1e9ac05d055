import ThorLinalg

extension KFACOptimizer {
  /// At an inverse-update point: applies the trace rule per layer and
  /// recomputes the damped, split inverses of the layers it lets through.
  func updateInverses(step: Int) throws {
    let start = ContinuousClock.now
    defer { statistics.inverseSeconds += start.secondsElapsed }
    let lambda = currentDamping
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
      state.inverseA = try invert(
        f.upperA, split: state.splits.a, damping: Float(gamma.a),
        jitter: &state.jitterA, label: "\(state.name).A", step: step)
      state.inverseG = try invert(
        f.upperG, split: state.splits.g, damping: Float(gamma.g),
        jitter: &state.jitterG, label: "\(state.name).G", step: step)
    }
  }

  /// `(X + (γ + jitter)I)⁻¹` split at `split`. When Cholesky fails the
  /// jitter grows tenfold (from 10⁻⁶ of the mean diagonal) until it
  /// succeeds, at most ``maximumJitterAttempts`` times, and a note says so;
  /// the jitter is kept for later updates of this factor.
  /// - Throws: ``SecondOrderError/nonFiniteFactor(name:)`` for NaN or
  ///   infinite statistics, ``SecondOrderError/notInvertible(name:reason:)``
  ///   when even the largest jitter fails.
  private func invert(
    _ factor: Matrix<Float>, split: Int, damping: Float, jitter: inout Float,
    label: String, step: Int
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
        statistics.notes.append(
          "\(label): Cholesky failed at step \(step) (\(error)); "
            + "jitter raised to \(jitter)")
      }
    }
    throw .notInvertible(name: label, reason: lastError)
  }

  /// How often the jitter grows before an inversion is given up.
  static var maximumJitterAttempts: Int { 8 }
}
