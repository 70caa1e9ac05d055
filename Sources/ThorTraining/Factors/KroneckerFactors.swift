import ThorLinalg

/// One layer's Kronecker factors `A = E[a aᵀ]` and `G = E[g gᵀ]` as
/// running averages over the batches they were estimated on.
///
/// Conventions (Martens & Grosse 2015 for dense layers, Grosse & Martens
/// 2016 for convolutions), with `N` samples in the batch and `P` output
/// positions per sample (`P = 1` for dense layers), `a` the layer input
/// (an im2col patch for conv, with a trailing 1 for the bias) and `g` the
/// gradient of a sample's own loss w.r.t. the pre-activation output:
/// - `A = (1/(N·P)) Σₙ Σₚ aₙₚ aₙₚᵀ`, averaged over batch and positions;
/// - `G = (1/N) Σₙ Σₚ gₙₚ gₙₚᵀ`, summed over positions, averaged over the
///   batch.
///
/// Their product equals KFC's `Ω ⊗ Γ` (`Ω = E[Σₚ a aᵀ]`,
/// `Γ = E[Σₚ g gᵀ]/P`): the factor `P` moves from one side to the other.
/// `g` comes from the training labels, so `A ⊗ G` approximates the
/// empirical Fisher, as in MindSpore's THOR.
///
/// Each estimate enters the average as `X ← δ·X + (1−δ)·X̂` (`δ` the
/// decay), the first one as is, in a single `?syrk` call. Only the upper
/// triangles are maintained (what Cholesky reads); ``symmetricA`` and
/// ``symmetricG`` return complete copies.
package struct KroneckerFactors: Sendable {
  /// The layer these factors belong to.
  package let layerName: String
  /// `A`, upper triangle valid.
  package internal(set) var upperA: Matrix<Float>
  /// `G`, upper triangle valid.
  package internal(set) var upperG: Matrix<Float>
  /// How many batch estimates went into the averages.
  package internal(set) var estimateCount = 0

  /// Creates empty factors of dimensions `inputDimension` (A) and
  /// `outputDimension` (G).
  package init(layerName: String, inputDimension: Int, outputDimension: Int) {
    self.layerName = layerName
    upperA = Matrix(rows: inputDimension, columns: inputDimension)
    upperG = Matrix(rows: outputDimension, columns: outputDimension)
  }

  /// Creates empty factors sized for `layer`.
  package init(for layer: any KroneckerFactoredLayer) {
    self.init(
      layerName: layer.name, inputDimension: layer.inputDimension,
      outputDimension: layer.outputDimension)
  }

  /// Folds the statistics `layer` recorded on its last training pass into
  /// the averages.
  ///
  /// `sampleLimit` bounds the samples a convolution's `A` is estimated from
  /// (the leading ones of the batch, which is shuffled, with all their
  /// positions): `A` of a wide convolution costs `d_A²·N·P` and dominates
  /// the factor time, while a few dozen samples give thousands of patch
  /// columns. Dense layers ignore it (one position per sample: their `A`
  /// would have rank at most the limit), and `G` always uses the whole
  /// batch. Nothing happens when the layer
  /// recorded no output gradients.
  package mutating func accumulate(
    from layer: any KroneckerFactoredLayer, decay: Float,
    sampleLimit: Int? = nil
  ) {
    precondition(decay >= 0 && decay < 1, "decay must be in [0, 1)")
    let batch = layer.batchSize
    let recorded = layer.withFactorOutputGradients { $2 }
    guard batch > 0, recorded > 0 else { return }
    let beta: Float = estimateCount == 0 ? 0 : decay
    let weight: Float = 1 - beta
    layer.withFactorInputs { a, rows, count in
      precondition(rows == upperA.rows, "\(layerName): A dimension changed")
      let positions = count / batch
      let limit = layer is Convolution ? sampleLimit ?? batch : batch
      let samples = Swift.min(batch, limit)
      let columns = samples * positions
      Self.rankUpdate(
        &upperA, a.baseAddress!, rows: rows, columns: columns,
        alpha: weight / Float(columns), beta: beta)
    }
    layer.withFactorOutputGradients { g, rows, count in
      precondition(rows == upperG.rows, "\(layerName): G dimension changed")
      Self.rankUpdate(
        &upperG, g.baseAddress!, rows: rows, columns: count,
        alpha: weight / Float(batch), beta: beta)
    }
    estimateCount += 1
  }

  /// `C ← α·X·Xᵀ + β·C` on the upper triangle (`?syrk`).
  private static func rankUpdate(
    _ c: inout Matrix<Float>, _ x: UnsafePointer<Float>, rows: Int,
    columns: Int, alpha: Float, beta: Float
  ) {
    c.withUnsafeMutableElements { out in
      BLAS.syrk(
        .none, n: rows, k: columns, alpha: alpha, a: x, lda: rows,
        beta: beta, c: out.baseAddress!, ldc: rows)
    }
  }

  /// `tr(A)` in double precision.
  package var traceA: Double { Self.trace(upperA) }
  /// `tr(G)` in double precision.
  package var traceG: Double { Self.trace(upperG) }

  private static func trace(_ m: Matrix<Float>) -> Double {
    m.withUnsafeElements { e in
      var sum = 0.0
      for i in 0..<m.rows { sum += Double(e[i * (m.rows + 1)]) }
      return sum
    }
  }

  /// `A` with both triangles filled.
  package var symmetricA: Matrix<Float> {
    var m = upperA
    m.mirrorUpperToLower()
    return m
  }

  /// `G` with both triangles filled.
  package var symmetricG: Matrix<Float> {
    var m = upperG
    m.mirrorUpperToLower()
    return m
  }
}
