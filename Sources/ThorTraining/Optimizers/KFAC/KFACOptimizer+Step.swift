import ThorLinalg

extension KFACOptimizer {
  /// Preconditions every layer's gradient into its
  /// ``LayerCurvature/direction`` and returns `Σ ⟨F⁻¹∇, ∇⟩`, the predicted
  /// progress KL clipping needs. Weight decay `wd·θ` is added after
  /// preconditioning (MindSpore's THOR, kfac-pytorch), or before it with
  /// ``KFACConfiguration/decayBeforePreconditioning``.
  func preconditionGradients(_ layers: [any KroneckerFactoredLayer]) -> Double {
    let start = ContinuousClock.now
    defer { statistics.preconditionSeconds += start.secondsElapsed }
    let decay = configuration.weightDecay
    let before = configuration.decayBeforePreconditioning
    var progress = 0.0
    for (layer, state) in zip(layers, curvature) {
      state.direction = layer.parameterGradient
      if decay != 0 && before { addDecay(decay, of: layer, to: state) }
      // Only KL clipping needs the raw gradient kept (a copy).
      let gradient = configuration.klClip == nil ? nil : state.direction
      let rows = state.direction.rows
      let columns = state.direction.columns
      state.direction.withUnsafeMutableElements { d in
        state.inverseG?.leftMultiply(
          d.baseAddress!, columns: columns, ld: rows)
        state.inverseA?.rightMultiply(d.baseAddress!, rows: rows, ld: rows)
      }
      if let gradient {
        progress += Self.dot(state.direction, gradient)
      }
      if decay != 0 && !before { addDecay(decay, of: layer, to: state) }
    }
    return progress
  }

  /// `direction += decay·θ` over the parameters of
  /// ``KFACConfiguration/decayScope``, split over workers as the
  /// element-wise loops are (``ElementWise/grain``).
  private func addDecay(
    _ decay: Float, of layer: any KroneckerFactoredLayer,
    to state: LayerCurvature
  ) {
    let decayed = configuration.decayScope.decayedCount(
      rows: state.direction.rows, columns: state.direction.columns)
    layer.parameters.withUnsafeElements { w in
      state.direction.withUnsafeMutableElements { d in
        let w = w.baseAddress!
        let d = d.baseAddress!
        BatchParallel.split(decayed, grain: ElementWise.grain) { _, slice in
          let first = slice.lowerBound
          BLAS.axpy(
            count: slice.count, alpha: decay, x: w + first, y: d + first)
        }
      }
    }
  }

  /// `v ← μv + ν·d`, `W ← W − α·v`, with `ν` the KL-clipping factor.
  func applyStep(
    _ layers: [any KroneckerFactoredLayer], learningRate: Float,
    progress: Double
  ) {
    var scale: Float = 1
    if let kappa = configuration.klClip, progress > 0 {
      let alpha = Double(learningRate)
      scale = Float(min(1, (kappa / (alpha * alpha * progress)).squareRoot()))
    }
    let mu = configuration.momentum
    for (layer, state) in zip(layers, curvature) {
      state.direction.withUnsafeElements { d in
        state.velocity.withUnsafeMutableElements { v in
          layer.parameters.withUnsafeMutableElements { w in
            ElementWise.splitMomentumStep(
              w.baseAddress!, d.baseAddress!, v.baseAddress!,
              lr: learningRate, mu: mu, scale: scale, wd: 0, nesterov: false,
              range: v.indices)
          }
        }
      }
    }
  }

  private static func dot(_ x: Matrix<Float>, _ y: Matrix<Float>) -> Double {
    x.withUnsafeElements { a in
      y.withUnsafeElements { b in
        var sum = 0.0
        for k in a.indices { sum += Double(a[k]) * Double(b[k]) }
        return sum
      }
    }
  }
}
