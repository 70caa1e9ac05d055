import Foundation

/// A per-layer split plan (`plan.json`, format `thor-tune/plan`, version 1;
/// README, "File formats and definitions"). Written by `thor-tune plan`, read
/// by the trainer.
package struct Plan: Codable, Sendable, Equatable {
  /// What produced the plan.
  package struct Provenance: Codable, Sendable, Equatable {
    /// The factor dump's path as given.
    package var factors: String
    /// SHA-256 of the factor dump, lowercase hex.
    package var factorsSHA256: String
    /// The hardware profile's path as given.
    package var profile: String
    /// The options of the run, as strings.
    package var options: [String: String]
    /// The thor-tune version.
    package var tool: String
    /// ISO 8601 creation time.
    package var created: String
    /// The analysis's peak resident memory in bytes (of the largest shard
    /// for a merged plan); absent in older plans.
    package var peakResidentBytes: Int?

    package init(
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
  package struct Point: Codable, Sendable, Equatable {
    package var dim: Double
    package var value: Double

    package init(dim: Double, value: Double) {
      self.dim = dim
      self.value = value
    }
  }

  /// The paper's global choice (Fig. 5).
  package struct Global: Codable, Sendable, Equatable {
    /// The candidate nearest the crossing (or the fallback when none).
    package var split: Int
    /// Where the normalized curves cross; `nil` when they do not.
    package var intersection: Point?
    /// Fraction of factors with loss below tolerance, per candidate.
    package var fractionWithinTolerance: [Double]
    /// `p₁/pₙ` per candidate (Eq. 12).
    package var normalizedPerformance: [Double]

    package init(
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

    package func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(split, forKey: .split)
      try c.encode(intersection, forKey: .intersection)  // null when absent
      try c.encode(fractionWithinTolerance, forKey: .fractionWithinTolerance)
      try c.encode(normalizedPerformance, forKey: .normalizedPerformance)
    }
  }

  /// The decision for one Kronecker factor.
  package struct Factor: Codable, Sendable, Equatable {
    package var dim: Int
    /// The chosen split dimension (`≥ dim` means no split).
    package var split: Int
    /// Eq. 11 loss at the chosen split.
    package var loss: Double
    /// Modelled inversion time at the chosen split, µs.
    package var costMicroseconds: Double
    /// Eq. 11 loss at every candidate, aligned with ``Plan/candidates``;
    /// `nil` entries for an all-zero factor.
    package var losses: [Double?]
    /// The update change (``UpdateChange``) at the chosen split; absent in
    /// plans made without it.
    package var updateChange: Double?
    /// The update change at every candidate, aligned with
    /// ``Plan/candidates``.
    package var updateChanges: [Double]?
    /// The update change over directions distributed as the factor
    /// (gradient-like) at every candidate, recorded for comparison.
    package var gradientChanges: [Double]?
    /// Modelled training seconds per epoch at the chosen split.
    package var epochSeconds: EpochSeconds?

    package init(
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
  package struct Layer: Codable, Sendable, Equatable {
    package var name: String
    package var A: Factor?
    package var G: Factor?

    package init(name: String, A: Factor?, G: Factor?) {
      self.name = name
      self.A = A
      self.G = G
    }
  }

  /// Modelled inversion time of one inverse update over all factors, and
  /// the worst loss each choice accepts (an extension of the shared plan
  /// format).
  package struct Totals: Codable, Sendable, Equatable {
    package var noSplitMicroseconds: Double
    package var globalMicroseconds: Double
    package var perLayerMicroseconds: Double
    package var globalWorstLoss: Double
    package var perLayerWorstLoss: Double

    package init(
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
  package static let formatName = "thor-tune/plan"
  /// The format version this build reads and writes.
  package static let formatVersion = 1

  package var format: String
  package var version: Int
  package var provenance: Provenance
  /// The split dimensions considered, ascending.
  package var candidates: [Int]
  /// The loss tolerance (default 0.01).
  package var tolerance: Double
  /// `per-layer`, `eq11` or `global`: which choice ``layers`` carry.
  package var strategy: SplitStrategy
  package var global: Global
  package var layers: [Layer]
  package var totals: Totals
  /// The modelled training time and the update-change settings; absent in
  /// plans from before them.
  package var training: Training?

  package init(
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
