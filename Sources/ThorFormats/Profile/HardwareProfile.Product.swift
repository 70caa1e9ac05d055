extension HardwareProfile {
  /// Which side of the gradient a split factor multiplies, as the trainer
  /// applies `(G + γI)⁻¹ ∇W (A + γI)⁻¹` (`∇W` is `d_G x d_A`).
  public enum ProductSide: String, Codable, Sendable, CaseIterable {
    /// `∇W · B` for an `A` factor: the gradient has `other` rows.
    case a = "A"
    /// `B · ∇W` for a `G` factor: the gradient has `other` columns.
    case g = "G"
  }

  /// The per-step product time of one block (format version 2): one `dim x
  /// dim` block of a split factor applied to its part of a gradient whose
  /// other dimension is `other`, timed as the trainer runs it.
  public struct Product: Codable, Sendable, Equatable {
    /// `A` (right product) or `G` (left product).
    public var factor: ProductSide
    /// The block size `s`.
    public var dim: Int
    /// The gradient's other dimension (`d_G` for `A`, `d_A` for `G`).
    public var other: Int
    /// Median time per block, in microseconds.
    public var medianMicroseconds: Double
    /// Fastest timed run per block, in microseconds.
    public var minMicroseconds: Double
    /// 90th percentile per block, in microseconds.
    public var p90Microseconds: Double
    /// Timed runs behind the figures; 0 when not known.
    public var repeats: Int

    public init(
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
