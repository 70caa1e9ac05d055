import Foundation
import ThorAnalysis
import ThorFormats
import ThorSolver

extension PlanCommand {
  /// `--merge SHARD...`: checks that the shards are every part of one
  /// run and writes the plan and report the unsharded run writes.
  func runMerge(_ paths: [String]) throws {
    var parts: [(path: String, shard: PlanShard)] = []
    for path in paths { parts.append((path, try PlanShard.load(from: path))) }
    let merged = try PlanShard.merge(parts)
    let reportURL = URL(
      fileURLWithPath: report ?? Self.defaultReport(merged.factors))
    try Self.checkReportFolder(reportURL)
    let (hardware, profileURL) = try loadProfile()
    let settings = merged.settings
    let solver = try Self.solver(settings, hardware)
    var analyses: [FactorAnalysis] = []
    for factor in merged.analyses {
      guard let analysis = FactorAnalysis(factor) else {
        throw ShardError.unknownFactor(tensor: factor.tensor, path: paths[0])
      }
      analyses.append(analysis)
    }
    Self.warnAboutZeroFactors(analyses)
    var options = runOptions(factors: merged.factors)
    options["shards"] = String(merged.count)
    let provenance = Plan.Provenance(
      factors: merged.factors, factorsSHA256: merged.factorsSHA256,
      profile: profileURL.relativePath, settings: settings,
      runOptions: options, tool: ThorTune.version,
      peakResidentBytes: merged.peakResidentBytes)
    let plan = solver.plan(
      for: analyses, strategy: settings.strategy, provenance: provenance,
      damping: settings.damping)
    try write(plan, hardware, seconds: merged.seconds, report: reportURL)
  }
}
