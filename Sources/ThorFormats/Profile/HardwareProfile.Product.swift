extension HardwareProfile {
  /// Which side of the gradient a split factor multiplies, as the trainer
  /// applies `(G + γI)⁻¹ ∇W (A + γI)⁻¹` (`∇W` is `d_G x d_A`).
  package enum ProductSide: String, Codable, Sendable, CaseIterable {
    /// `∇W · B` for an `A` factor: the gradient has `other` rows.
    case a = "A"
    /// `B · ∇W` for a `G` factor: the gradient has `other` columns.
    case g = "G"
  }

  /// The per-step product time of one block (format version 2): one `dim x
  /// dim` block of a split factor applied to its part of a gradient whose
  /// other dimension is `other`, timed as the trainer runs it.
  package struct Product: Codable, Sendable, Equatable {
    /// `A` (right product) or `G` (left product).
    package var factor: ProductSide
    /// The block size `s`.
    package var dim: Int
    /// The gradient's other dimension (`d_G` for `A`, `d_A` for `G`).
    package var other: Int
    /// Median time per block, in microseconds.
    package var medianMicroseconds: Double
    /// Fastest timed run per block, in microseconds.
    package var minMicroseconds: Double
    /// 90th percentile per block, in microseconds.
    package var p90Microseconds: Double
    /// Timed runs behind the figures; 0 when not known.
    package var repeats: Int

    package init(
      factor: ProductSide, dim: Int, other: Int, medianMicroseconds: Double,
      minMicroseconds: Double, p90Microseconds: Double, repeats: Int
    ) {
      self.factor = factor
      self.dim = dim
      self.other = other
      self.medianMicroseconds = medianMicroseconds
      self.minMicroseconds = minMicroseconds
      self.p90Microseconds = p90Microseconds
      self.repeats = repeats
    }

    enum CodingKeys: String, CodingKey {
      case factor, dim, other, repeats
      case medianMicroseconds = "median_us"
      case minMicroseconds = "min_us"
      case p90Microseconds = "p90_us"
    }
  }
}
