extension Plan {
  /// Modelled training seconds per epoch, by part (``TrainingCostModel``);
  /// the JSON also holds their sum, `total_s`.
  package struct EpochSeconds: Codable, Sendable, Equatable {
    /// Per-step products.
    package var products: Double
    /// Inversions.
    package var inversions: Double
    /// Their sum.
    package var total: Double { products + inversions }

    package init(products: Double, inversions: Double) {
      self.products = products
      self.inversions = inversions
    }

    /// No time.
    package static let zero = EpochSeconds(products: 0, inversions: 0)

    /// The seconds of two parts of a run, added up.
    package static func + (l: EpochSeconds, r: EpochSeconds) -> EpochSeconds {
      EpochSeconds(
        products: l.products + r.products,
        inversions: l.inversions + r.inversions)
    }

    enum CodingKeys: String, CodingKey {
      case products = "products_s"
      case inversions = "inversions_s"
      case total = "total_s"
    }

    package init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      products = try c.decode(Double.self, forKey: .products)
      inversions = try c.decode(Double.self, forKey: .inversions)
    }

    package func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(products, forKey: .products)
      try c.encode(inversions, forKey: .inversions)
      try c.encode(total, forKey: .total)
    }
  }

  /// The damping the update change was computed with.
  package struct Damping: Codable, Sendable, Equatable {
    /// `λ`.
    package var lambda: Double
    /// How `λ` became `γ`: `sqrt` or `lambda`.
    package var form: String
    /// The factor damping `γ`.
    package var factor: Double
    /// Where `λ` came from: `dump metadata` or `--damping`.
    package var source: String

    package init(lambda: Double, form: String, factor: Double, source: String) {
      self.lambda = lambda
      self.form = form
      self.factor = factor
      self.source = source
    }
  }

  /// The run the plan's training time is modelled for, the update-change
  /// settings, and the modelled seconds per epoch of each strategy.
  package struct Training: Codable, Sendable, Equatable {
    /// Optimizer steps per epoch.
    package var stepsPerEpoch: Int
    /// Inverse updates in each epoch (the trainer's rule).
    package var updatesPerEpoch: [Int]
    /// Whether products are priced (a version-2 profile).
    package var pricesProducts: Bool
    /// The damping of the update change; absent when it was not computed.
    package var damping: Damping?
    /// The largest update change the per-layer strategy accepts.
    package var updateBudget: Double
    /// Modelled seconds per epoch: `no-split`, `global`, `split-128` and
    /// `per-layer` (the strategies' choices for every factor; the keys are
    /// ``Choice``'s).
    package var epochSeconds: [String: EpochSeconds]

    /// The keys of ``epochSeconds``.
    package enum Choice {
      package static let noSplit = "no-split"
      package static let global = "global"
      package static let split128 = "split-128"
      package static let perLayer = "per-layer"
      /// Every key, in the order the reports list them.
      package static let all = [noSplit, global, split128, perLayer]
    }

    package init(
      stepsPerEpoch: Int, updatesPerEpoch: [Int], pricesProducts: Bool,
      damping: Damping?, updateBudget: Double,
      epochSeconds: [String: EpochSeconds]
    ) {
      self.stepsPerEpoch = stepsPerEpoch
      self.updatesPerEpoch = updatesPerEpoch
      self.pricesProducts = pricesProducts
      self.damping = damping
      self.updateBudget = updateBudget
      self.epochSeconds = epochSeconds
    }

    enum CodingKeys: String, CodingKey {
      case damping
      case stepsPerEpoch = "steps_per_epoch"
      case updatesPerEpoch = "updates_per_epoch"
      case pricesProducts = "prices_products"
      case updateBudget = "update_budget"
      case epochSeconds = "epoch_seconds"
    }
  }
}
