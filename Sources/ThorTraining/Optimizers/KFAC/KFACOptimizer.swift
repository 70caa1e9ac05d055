import ThorFormats
import ThorLinalg

/// K-FAC and THOR (Algorithm 1): Kronecker-factored natural gradient with
/// momentum, `W ← W − α·v`, `v ← μ·v + (G + γ_G I)⁻¹ ∇W (A + γ_A I)⁻¹`.
///
/// Each step ``prepare(step:epoch:layers:)`` decides whether the factors
/// and the inverses are due, and turns on the layers' factor recording
/// only then; ``update(layers:step:epoch:learningRate:)`` folds the
/// recorded statistics into the running factors, recomputes the inverses
/// the trace rule lets through (split into diagonal blocks and inverted
/// with ``BlockDiagonalMatrix/invert(method:)``, the routine the profiler
/// times), preconditions every gradient and applies the step.
package final class KFACOptimizer: Optimizer {
  package let configuration: KFACConfiguration
  package var name: String { configuration.name }
  /// Writes factor dumps when due (`--dump-factors`).
  package var dumper: FactorDumper?

  var curvature: [LayerCurvature] = []
  var lastInverseStep: Int?
  var factorsDue = false
  var inversesDue = false
  var currentEpoch = 0
  var lastStep = 0
  var statistics = OptimizerStatistics()

  /// Creates the optimizer.
  package init(configuration: KFACConfiguration) {
    self.configuration = configuration
  }

  /// `λ` for the current epoch.
  package var currentDamping: Double {
    configuration.damping.damping(atEpoch: currentEpoch)
  }

  package func prepare(
    step: Int, epoch: Int, layers: [any KroneckerFactoredLayer]
  ) {
    currentEpoch = epoch
    if curvature.count != layers.count { makeCurvature(for: layers) }
    inversesDue = configuration.inverseInterval.isDue(
      step: step, epoch: epoch, lastUpdate: lastInverseStep)
    let periodic = configuration.factorInterval.map { step % $0 == 0 }
    let dumping = dumper?.isDue(step: step) ?? false
    factorsDue = inversesDue || periodic == true
    for (layer, state) in zip(layers, curvature) {
      layer.recordsFactorStatistics =
        (factorsDue && !state.trace.isFrozen) || dumping
    }
  }

  private func makeCurvature(for layers: [any KroneckerFactoredLayer]) {
    curvature = layers.map {
      LayerCurvature(
        layer: $0, splits: configuration.splits[$0.name] ?? .none)
    }
  }

  package func update(
    layers: [any KroneckerFactoredLayer], step: Int, epoch: Int,
    learningRate: Float
  ) throws {
    precondition(
      layers.count == curvature.count,
      "prepare(step:epoch:layers:) must precede update")
    currentEpoch = epoch
    lastStep = step
    if factorsDue { accumulateFactors(layers) }
    if let dumper, dumper.isDue(step: step) {
      try dumper.write(
        factors: factorsDue ? curvature.map(\.factors) : snapshot(layers),
        step: step, damping: currentDamping)
    }
    if inversesDue {
      try updateInverses(step: step)
      lastInverseStep = step
    }
    let progress = preconditionGradients(layers)
    applyStep(layers, learningRate: learningRate, progress: progress)
    factorsDue = false
    inversesDue = false
  }

  /// The factors with this step's statistics folded in, leaving the
  /// running factors as they are: a dump between factor updates must not
  /// change the run.
  private func snapshot(_ layers: [any KroneckerFactoredLayer])
    -> [KroneckerFactors]
  {
    zip(layers, curvature).map { layer, state in
      var factors = state.factors
      factors.accumulate(
        from: layer, decay: configuration.factorDecay,
        sampleLimit: configuration.factorSampleLimit)
      return factors
    }
  }

  /// Each layer's rank updates on one worker (``BatchParallel/forEach``),
  /// so OpenBLAS's own threads stay asleep between training steps.
  private func accumulateFactors(_ layers: [any KroneckerFactoredLayer]) {
    let start = ContinuousClock.now
    let due = zip(layers, curvature).filter { $0.0.recordsFactorStatistics }
    let decay = configuration.factorDecay
    let limit = configuration.factorSampleLimit
    BatchParallel.forEach(due.count) { i in
      due[i].1.factors.accumulate(
        from: due[i].0, decay: decay, sampleLimit: limit)
    }
    statistics.factorSeconds += start.secondsElapsed
  }

  /// Writes the epoch-end dump when one is due after 0-based `epoch`.
  /// - Throws: ``SecondOrderError/dumpFailed(path:reason:)``.
  package func dumpAtEpochEnd(epoch: Int) throws(SecondOrderError) {
    guard let dumper, dumper.isDueAtEpochEnd(epoch: epoch) else { return }
    try dumper.write(
      factors: curvature.map(\.factors), step: lastStep, epoch: epoch,
      damping: currentDamping)
  }

  package func takeEpochStatistics() -> OptimizerStatistics {
    var result = statistics
    for state in curvature {
      var decisions = state.decisions
      let a = state.splits.a
      let g = state.splits.g
      decisions.splitA = a < state.factors.upperA.rows ? a : nil
      decisions.splitG = g < state.factors.upperG.rows ? g : nil
      result.layers[state.name] = decisions
      state.decisions = EpochRecord.TraceDecisions()
    }
    statistics = OptimizerStatistics()
    return result
  }
}
