import Foundation

/// A per-layer split plan (`plan.json`, format `thor-tune/plan`, version 1;
/// README, "File formats and definitions"). Written by `thor-tune plan`, read
/// by the trainer.
public struct Plan: Codable, Sendable, Equatable {
  /// What produced the plan.
  public struct Provenance: Codable, Sendable, Equatable {
    /// The factor dump's path as given.
    public var factors: String
    /// SHA-256 of the factor dump, lowercase hex.
    public var factorsSHA256: String
    /// The hardware profile's path as given.
    public var profile: String
    /// The options of the run, as strings.
    public var options: [String: String]
    /// The thor-tune version.
    public var tool: String
    /// ISO 8601 creation time.
    public var created: String
    /// The analysis's peak resident memory in bytes (of the largest shard
    /// for a merged plan); absent in older plans.
    public var peakResidentBytes: Int?

    public init(
      factors: String, factorsSHA256: String, profile: String,
      options: [String: String], tool: String, created: String,
      peakResidentBytes: Int? = nil
    ) {
      self.factors = factors
      self.factorsSHA256 = factorsSHA256
      self.profile = profile
      self.options = options
      self.tool = tool
      self.created = created
      self.peakResidentBytes = peakResidentBytes
    }

    enum CodingKeys: String, CodingKey {
      case factors, profile, options, tool, created
      case factorsSHA256 = "factors_sha256"
      case peakResidentBytes = "peak_resident_bytes"
    }
  }

  /// A point where two curves cross.
  public struct Point: Codable, Sendable, Equatable {
    public var dim: Double
    public var value: Double

    public init(dim: Double, value: Double) {
      self.dim = dim
      self.value = value
    }
  }

  /// The paper's global choice (Fig. 5).
  public struct Global: Codable, Sendable, Equatable {
    /// The candidate nearest the crossing (or the fallback when none).
    public var split: Int
    /// Where the normalized curves cross; `nil` when they do not.
    public var intersection: Point?
    /// Fraction of factors with loss below tolerance, per candidate.
    public var fractionWithinTolerance: [Double]
    /// `p₁/pₙ` per candidate (Eq. 12).
    public var normalizedPerformance: [Double]

    public init(
      split: Int, intersection: Point?, fractionWithinTolerance: [Double],
      normalizedPerformance: [Double]
    ) {
      self.split = split
      self.intersection = intersection
      self.fractionWithinTolerance = fractionWithinTolerance
      self.normalizedPerformance = normalizedPerformance
    }

    enum CodingKeys: String, CodingKey {
      case split, intersection
      case fractionWithinTolerance = "fraction_within_tolerance"
      case normalizedPerformance = "normalized_performance"
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(split, forKey: .split)
      try c.encode(intersection, forKey: .intersection)  // null when absent
      try c.encode(fractionWithinTolerance, forKey: .fractionWithinTolerance)
      try c.encode(normalizedPerformance, forKey: .normalizedPerformance)
    }
  }

  /// The decision for one Kronecker factor.
  public struct Factor: Codable, Sendable, Equatable {
    public var dim: Int
    /// The chosen split dimension (`≥ dim` means no split).
    public var split: Int
    /// Eq. 11 loss at the chosen split.
    public var loss: Double
    /// Modelled inversion time at the chosen split, µs.
    public var costMicroseconds: Double
    /// Eq. 11 loss at every candidate, aligned with ``Plan/candidates``;
    /// `nil` entries for an all-zero factor.
    public var losses: [Double?]
    /// The update change (``UpdateChange``) at the chosen split; absent in
    /// plans made without it.
    public var updateChange: Double?
    /// The update change at every candidate, aligned with
    /// ``Plan/candidates``.
    public var updateChanges: [Double]?
    /// The update change over directions distributed as the factor
    /// (gradient-like) at every candidate, recorded for comparison.
    public var gradientChanges: [Double]?
    /// Modelled training seconds per epoch at the chosen split.
    public var epochSeconds: EpochSeconds?

    public init(
      dim: Int, split: Int, loss: Double, costMicroseconds: Double,
      losses: [Double?], updateChange: Double? = nil,
      updateChanges: [Double]? = nil, gradientChanges: [Double]? = nil,
      epochSeconds: EpochSeconds? = nil
    ) {
      self.dim = dim
      self.split = split
      self.loss = loss
      self.costMicroseconds = costMicroseconds
      self.losses = losses
      self.updateChange = updateChange
      self.updateChanges = updateChanges
      self.gradientChanges = gradientChanges
      self.epochSeconds = epochSeconds
    }

    enum CodingKeys: String, CodingKey {
      case dim, split, loss, losses
      case costMicroseconds = "cost_us"
      case updateChange = "update_change"
      case updateChanges = "update_changes"
      case gradientChanges = "gradient_changes"
      case epochSeconds = "epoch_seconds"
    }
  }

  /// One layer's factors; a factor missing from the dump is absent.
  public struct Layer: Codable, Sendable, Equatable {
    public var name: String
    public var A: Factor?
    public var G: Factor?

    public init(name: String, A: Factor?, G: Factor?) {
      self.name = name
      self.A = A
      self.G = G
    }
  }

  /// Modelled inversion time of one inverse update over all factors, and
  /// the worst loss each choice accepts (an extension of the shared plan
  /// format).
  public struct Totals: Codable, Sendable, Equatable {
    public var noSplitMicroseconds: Double
    public var globalMicroseconds: Double
    public var perLayerMicroseconds: Double
    public var globalWorstLoss: Double
    public var perLayerWorstLoss: Double

    public init(
      noSplitMicroseconds: Double, globalMicroseconds: Double,
      perLayerMicroseconds: Double, globalWorstLoss: Double,
      perLayerWorstLoss: Double
    ) {
      self.noSplitMicroseconds = noSplitMicroseconds
      self.globalMicroseconds = globalMicroseconds
      self.perLayerMicroseconds = perLayerMicroseconds
      self.globalWorstLoss = globalWorstLoss
      self.perLayerWorstLoss = perLayerWorstLoss
    }

    enum CodingKeys: String, CodingKey {
      case noSplitMicroseconds = "no_split_us"
      case globalMicroseconds = "global_us"
      case perLayerMicroseconds = "per_layer_us"
      case globalWorstLoss = "global_worst_loss"
      case perLayerWorstLoss = "per_layer_worst_loss"
    }
  }

  /// The format tag every plan carries.
  public static let formatName = "thor-tune/plan"
  /// The format version this build reads and writes.
  public static let formatVersion = 1

  public var format: String
  public var version: Int
  public var provenance: Provenance
  /// The split dimensions considered, ascending.
  public var candidates: [Int]
  /// The loss tolerance (default 0.01).
  public var tolerance: Double
  /// `per-layer`, `eq11` or `global`: which choice ``layers`` carry.
  public var strategy: SplitStrategy
  public var global: Global
  public var layers: [Layer]
  public var totals: Totals
  /// The modelled training time and the update-change settings; absent in
  /// plans from before them.
  public var training: Training?

  public init(
    provenance: Provenance, candidates: [Int], tolerance: Double,
    strategy: SplitStrategy, global: Global, layers: [Layer],
    totals: Totals,
    training: Training? = nil
  ) {
    format = Self.formatName
    version = Self.formatVersion
    self.provenance = provenance
    self.candidates = candidates
    self.tolerance = tolerance
    self.strategy = strategy
    self.global = global
    self.layers = layers
    self.totals = totals
    self.training = training
  }
}
