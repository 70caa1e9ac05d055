import ThorFormats
import ThorProfiler

/// Modelled training time of a split factor (README, "File formats and
/// definitions", cost model): the per-step products times the steps, plus the
/// inversions times the updates the schedule implies, per epoch averaged over
/// the run.
///
/// Products of a factor of dimension `d` split at `s` cost
/// `⌊d/s⌋·p(s, m) + p(d mod s, m)` per step, with `m` the gradient's other
/// dimension and `p` from ``HardwareProfile/productTime(side:block:other:)``;
/// inversions `⌊d/s⌋·t(s) + t(d mod s)` per update (``InversionCostModel``).
/// A version-1 profile has no product timings: the model then prices
/// inversions only, and ``pricesProducts`` is false. Factor statistics are
/// not priced: the trainer forms the whole `A = E[aaᵀ]` at every split.
package struct TrainingCostModel: Sendable, Equatable {
  /// Inversion times.
  package let inversion: InversionCostModel
  /// The run the time is modelled for.
  package let schedule: TrainingSchedule

  package init(inversion: InversionCostModel, schedule: TrainingSchedule) {
    self.inversion = inversion
    self.schedule = schedule
  }

  /// Whether the profile has product timings (version 2).
  package var pricesProducts: Bool {
    HardwareProfile.ProductSide.allCases.allSatisfy {
      inversion.profile.productTime(side: $0, block: 1, other: 1) != nil
    }
  }

  /// Modelled seconds per epoch of a factor of dimension `d` on `side`,
  /// split at `s` (`s ≥ d`: no split), whose gradient's other dimension is
  /// `other`.
  package func cost(
    side: HardwareProfile.ProductSide, dimension d: Int, split s: Int,
    other: Int
  ) -> Plan.EpochSeconds {
    let block = Swift.min(s, d)
    let profile = inversion.profile
    let perStep =
      (profile.productTime(side: side, block: block, other: other) ?? 0)
      * Double(d / block)
      + (profile.productTime(side: side, block: d % block, other: other) ?? 0)
    let perUpdate = inversion.cost(dimension: d, split: s)
    return Plan.EpochSeconds(
      products: perStep * 1e-6 * Double(schedule.stepsPerEpoch),
      inversions: perUpdate * 1e-6 * schedule.meanUpdatesPerEpoch)
  }
}
