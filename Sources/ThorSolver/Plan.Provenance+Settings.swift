import Foundation
import ThorFormats

extension Plan.Provenance {
  /// The provenance of a plan made now from `settings`: every setting in
  /// ``options`` (under its plan key), beside the run's own `runOptions`
  /// (threads, memory, report folder, command line).
  package init(
    factors: String, factorsSHA256: String, profile: String,
    settings: PlanShard.Settings, runOptions: [String: String],
    tool: String, peakResidentBytes: Int?
  ) {
    let recorded = [
      "candidates": settings.candidates.map(String.init)
        .joined(separator: ","),
      "tolerance": String(settings.tolerance),
      "strategy": settings.strategy.rawValue,
      "update_budget": String(settings.updateBudget),
      "steps_per_epoch": String(settings.stepsPerEpoch),
      "epochs": String(settings.epochs),
      "inv_interval": settings.invInterval,
    ]
    self.init(
      factors: factors, factorsSHA256: factorsSHA256, profile: profile,
      options: recorded.merging(runOptions) { _, run in run },
      tool: tool, created: ISO8601DateFormatter().string(from: Date()),
      peakResidentBytes: peakResidentBytes)
  }
}
