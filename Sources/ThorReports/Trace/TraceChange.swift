/// The trace change rate Δ of Eq. 8 per layer along a series of dumps:
/// `Δ = |tr(F_k + λI) − tr(F_{k−1} + λI)| / |tr(F_{k−1} + λI)|`.
package struct TraceChange: Sendable, Equatable {
  /// One Δ: the step of the later dump and the rate.
  package struct Point: Sendable, Equatable {
    package var step: Int
    package var delta: Double
  }

  /// One layer's series and its factor dimensions.
  package struct Layer: Sendable, Equatable {
    package var name: String
    package var dimA: Int
    package var dimG: Int
    package var points: [Point]
  }

  /// The damping λ used in `tr(F + λI)`.
  package var damping: Double
  /// The dumps' steps, ascending.
  package var steps: [Int]
  /// Layers with both factors, by name.
  package var layers: [Layer]
  /// What could not be computed, in words.
  package var notes: [String]

  /// Computes Δ between consecutive dumps (ordered by step) for every
  /// layer with both factors in both dumps.
  /// - Throws: ``ReportError/tooFewDumps(count:)`` below two dumps.
  package init(dumps: [FactorTraces], damping: Double) throws(ReportError) {
    guard dumps.count >= 2 else { throw .tooFewDumps(count: dumps.count) }
    self.damping = damping
    let dumps = dumps.sorted { $0.step < $1.step }
    steps = dumps.map(\.step)
    var names: [String] = []
    var seen = Set<String>()
    for name in dumps.flatMap(\.order) where seen.insert(name).inserted {
      names.append(name)
    }
    var layers: [Layer] = []
    var notes: [String] = []
    for name in names {
      let single = dumps.compactMap { $0.layers[name] }.first {
        $0.traceA == nil || $0.traceG == nil
      }
      if let single {
        let has = single.traceA == nil ? "G" : "A"
        notes.append(
          "layer \(name) has only its \(has) factor in some "
            + "dumps; tr(F) needs both")
      }
      var points: [Point] = []
      var dims: (Int, Int)?
      var zeroBase = 0
      for (previous, current) in zip(dumps, dumps.dropFirst()) {
        guard let before = previous.layers[name],
          let after = current.layers[name],
          let t0 = before.dampedTrace(damping: damping),
          let t1 = after.dampedTrace(damping: damping)
        else { continue }
        dims = dims ?? (after.dimA!, after.dimG!)
        guard t0 != 0 else {
          zeroBase += 1
          continue
        }
        points.append(Point(step: current.step, delta: abs(t1 - t0) / abs(t0)))
      }
      if zeroBase > 0 {
        notes.append(
          "layer \(name): tr(F + λI) is 0 in \(zeroBase) "
            + "dump(s); Δ is undefined after them")
      }
      if let dims, !points.isEmpty {
        layers.append(
          Layer(name: name, dimA: dims.0, dimG: dims.1, points: points))
      }
    }
    self.layers = layers
    self.notes = notes
  }
}
