import Foundation

/// One shard's part of a plan (`format: thor-tune/plan-shard`, version 1;
/// README, "File formats and definitions"): the analysis of a fixed part
/// of a dump's factors, written by `thor-tune plan --shard i/n` and
/// combined by `thor-tune plan --merge` into the plan the unsharded run
/// writes.
package struct PlanShard: Codable, Sendable, Equatable {
  /// Which part of how many (`index` from 0).
  package struct Position: Codable, Sendable, Equatable {
    package var index: Int
    package var count: Int

    package init(index: Int, count: Int) {
      self.index = index
      self.count = count
    }
  }

  /// One factor of the dump, as listed in every shard.
  package struct Listing: Codable, Sendable, Equatable {
    /// The tensor's name, `<layer>.A` or `<layer>.G`.
    package var tensor: String
    package var dim: Int

    package init(tensor: String, dim: Int) {
      self.tensor = tensor
      self.dim = dim
    }
  }

  /// Everything that decides the merged plan besides the profile; every
  /// shard of one run carries the same.
  package struct Settings: Codable, Sendable, Equatable {
    package var candidates: [Int]
    package var tolerance: Double
    package var strategy: SplitStrategy
    package var updateBudget: Double
    package var stepsPerEpoch: Int
    package var epochs: Int
    package var invInterval: String
    /// The update change's damping; absent when it is not computed.
    package var damping: Plan.Damping?

    package init(
      candidates: [Int], tolerance: Double, strategy: SplitStrategy,
      updateBudget: Double, stepsPerEpoch: Int, epochs: Int,
      invInterval: String, damping: Plan.Damping?
    ) {
      self.candidates = candidates
      self.tolerance = tolerance
      self.strategy = strategy
      self.updateBudget = updateBudget
      self.stepsPerEpoch = stepsPerEpoch
      self.epochs = epochs
      self.invInterval = invInterval
      self.damping = damping
    }

    enum CodingKeys: String, CodingKey {
      case candidates, tolerance, strategy, epochs, damping
      case updateBudget = "update_budget"
      case stepsPerEpoch = "steps_per_epoch"
      case invInterval = "inv_interval"
    }
  }

  /// One analysed factor: the largest eigenvalues behind Eq. 11 and the
  /// update changes, per candidate.
  package struct Factor: Codable, Sendable, Equatable {
    package var tensor: String
    package var dim: Int
    /// `‖A‖₂`.
    package var spectralNorm: Double
    /// `max_j ‖A_jj‖₂` per candidate.
    package var blockNorms: [Double]
    package var updateChanges: [Double]?
    package var gradientChanges: [Double]?

    package init(
      tensor: String, dim: Int, spectralNorm: Double, blockNorms: [Double],
      updateChanges: [Double]?, gradientChanges: [Double]?
    ) {
      self.tensor = tensor
      self.dim = dim
      self.spectralNorm = spectralNorm
      self.blockNorms = blockNorms
      self.updateChanges = updateChanges
      self.gradientChanges = gradientChanges
    }

    enum CodingKeys: String, CodingKey {
      case tensor, dim
      case spectralNorm = "spectral_norm"
      case blockNorms = "block_norms"
      case updateChanges = "update_changes"
      case gradientChanges = "gradient_changes"
    }
  }

  /// The format tag every shard carries.
  package static let formatName = "thor-tune/plan-shard"
  /// The format version this build reads and writes.
  package static let formatVersion = 1

  package var format: String
  package var version: Int
  package var shard: Position
  /// The dump's path as given to the shard's run.
  package var factors: String
  /// SHA-256 of the dump, lowercase hex: the dump's identity.
  package var factorsSHA256: String
  /// Every factor of the dump, in file order.
  package var catalog: [Listing]
  package var settings: Settings
  /// This shard's factors, in file order.
  package var analyses: [Factor]
  /// Seconds the analysis took.
  package var seconds: Double
  /// The run's peak resident memory, bytes.
  package var peakResidentBytes: Int
  /// The thor-tune version.
  package var tool: String
  /// ISO 8601 creation time.
  package var created: String

  package init(
    shard: Position, factors: String, factorsSHA256: String,
    catalog: [Listing], settings: Settings, analyses: [Factor],
    seconds: Double, peakResidentBytes: Int, tool: String, created: String
  ) {
    format = Self.formatName
    version = Self.formatVersion
    self.shard = shard
    self.factors = factors
    self.factorsSHA256 = factorsSHA256
    self.catalog = catalog
    self.settings = settings
    self.analyses = analyses
    self.seconds = seconds
    self.peakResidentBytes = peakResidentBytes
    self.tool = tool
    self.created = created
  }

  enum CodingKeys: String, CodingKey {
    case format, version, shard, factors, catalog, settings, analyses
    case seconds, tool, created
    case factorsSHA256 = "factors_sha256"
    case peakResidentBytes = "peak_resident_bytes"
  }
}
