import Foundation
import ThorAnalysis
import ThorFormats
import ThorSolver

extension PlanCommand {
  /// Options that only an analysing run reads: `--merge` takes them from
  /// the shards.
  static let analysisOptions = [
    "candidates", "tolerance", "strategy", "update-budget", "damping",
    "damping-form", "steps-per-epoch", "epochs", "inv-interval", "memory",
  ]

  /// Checks that the options fit one mode: the whole dump (`--factors`),
  /// one shard (`--factors --shard`) or a merge (`--merge SHARD...`).
  func validate() throws(CommandLineError) {
    guard merge else {
      if let first = shards.first {
        throw .unexpectedArgument(first)
      }
      guard factors != nil else {
        throw .missingRequired("--factors <file>")
      }
      if shard != nil, let report {
        throw Self.invalid(
          "report", report,
          "a shard writes no report; give --report to --merge")
      }
      return
    }
    for name in ["factors", "shard"] + Self.analysisOptions {
      if let text = given.text(name) {
        throw Self.invalid(
          name, text,
          "cannot be combined with --merge, which takes the dump and every "
            + "setting from the shards")
      }
    }
    guard !shards.isEmpty else { throw .missingRequired("<shards>") }
  }

  /// `--shard i/n`: analyses part `i` and writes it for `--merge`.
  func runShard(_ shard: ShardSpec) throws {
    let factors = factors!
    let inputs = try loadInputs()
    let digest = BackgroundDigest(of: URL(fileURLWithPath: factors))
    defer { digest.join() }
    let analyser = makeAnalyser(inputs)
    let part = inputs.catalog.shard(
      shard.index, of: shard.count, exponent: analyser.costExponent)
    let (analyses, seconds) = try analyse(part, inputs, with: analyser)
    let result = PlanShard(
      shard: PlanShard.Position(index: shard.index, count: shard.count),
      factors: factors, factorsSHA256: try digest.wait(),
      catalog: inputs.catalog.entries.map {
        PlanShard.Listing(tensor: $0.tensorName, dim: $0.dimension)
      },
      settings: inputs.settings, analyses: analyses.map(PlanShard.Factor.init),
      seconds: seconds, peakResidentBytes: PeakMemory.residentBytes(),
      tool: ThorTune.version,
      created: ISO8601DateFormatter().string(from: Date()))
    let outURL = URL(fileURLWithPath: out)
    try OutputWriter.writeJSON(result, to: outURL)
    StandardError.write(
      "Wrote \(outURL.relativePath): shard \(shard.index)/\(shard.count), "
        + "\(analyses.count) of \(inputs.catalog.entries.count) factors in "
        + String(format: "%.2f", seconds) + " s\n")
  }
}
