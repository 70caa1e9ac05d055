extension PlanShard {
  /// What a complete, consistent set of shards combines to.
  package struct Merged: Sendable, Equatable {
    /// The first shard's dump path, its digest and settings.
    package var factors: String
    package var factorsSHA256: String
    package var settings: Settings
    /// Every factor's analysis, in file order.
    package var analyses: [Factor]
    /// The longest shard's analysis seconds.
    package var seconds: Double
    /// The largest peak resident memory of the shards, bytes.
    package var peakResidentBytes: Int
    /// The number of shards.
    package var count: Int
  }

  /// Checks that `shards` (path, content) are every shard of one run and
  /// combines them.
  /// - Throws: ``ShardError``, naming the first offending file.
  package static func merge(_ shards: [(path: String, shard: PlanShard)])
    throws(ShardError) -> Merged
  {
    guard let (firstPath, first) = shards.first else { throw .noShards }
    let count = first.shard.count
    var byIndex: [Int: String] = [:]
    for (path, part) in shards {
      try check(part, path, against: first, firstPath)
      if let other = byIndex[part.shard.index] {
        throw .duplicateShard(
          index: part.shard.index, count: count, path: path, other: other)
      }
      byIndex[part.shard.index] = path
    }
    let missing = (0..<count).filter { byIndex[$0] == nil }
    guard missing.isEmpty else {
      throw .missingShards(indices: missing, count: count)
    }
    var found: [String: (Factor, String)] = [:]
    let listed = Set(first.catalog.map(\.tensor))
    for (path, part) in shards {
      for factor in part.analyses {
        guard listed.contains(factor.tensor) else {
          throw .unknownFactor(tensor: factor.tensor, path: path)
        }
        if let (_, other) = found[factor.tensor] {
          throw .duplicateFactor(
            tensor: factor.tensor, path: path, other: other)
        }
        found[factor.tensor] = (factor, path)
      }
    }
    var analyses: [Factor] = []
    for listing in first.catalog {
      guard let (factor, _) = found[listing.tensor] else {
        throw .missingFactor(tensor: listing.tensor)
      }
      analyses.append(factor)
    }
    return Merged(
      factors: first.factors, factorsSHA256: first.factorsSHA256,
      settings: first.settings, analyses: analyses,
      seconds: shards.map(\.shard.seconds).max() ?? 0,
      peakResidentBytes: shards.map(\.shard.peakResidentBytes).max() ?? 0,
      count: count)
  }

  /// One shard against the first: same count, dump and settings.
  private static func check(
    _ part: PlanShard, _ path: String, against first: PlanShard,
    _ firstPath: String
  ) throws(ShardError) {
    guard part.shard.count == first.shard.count else {
      throw .differentCount(
        path: path, count: part.shard.count, first: firstPath,
        firstCount: first.shard.count)
    }
    guard part.factorsSHA256 == first.factorsSHA256 else {
      throw .differentDump(
        path: path, digest: part.factorsSHA256, first: firstPath,
        firstDigest: first.factorsSHA256)
    }
    guard part.catalog == first.catalog else {
      throw .differentCatalog(path: path, first: firstPath)
    }
    let fields = part.settings.fields
    let firstFields = first.settings.fields
    for ((name, value), (_, firstValue)) in zip(fields, firstFields)
    where value != firstValue {
      throw .differentSettings(
        path: path, field: name, value: value, first: firstPath,
        firstValue: firstValue)
    }
  }
}

extension PlanShard.Settings {
  /// Every setting as (option name, text), for comparisons and messages.
  var fields: [(String, String)] {
    let damping = damping.map {
      "lambda \($0.lambda) (\($0.form), from \($0.source))"
    }
    return [
      ("--candidates", candidates.map(String.init).joined(separator: ",")),
      ("--tolerance", String(tolerance)),
      ("--strategy", strategy.rawValue),
      ("--update-budget", String(updateBudget)),
      ("--steps-per-epoch", String(stepsPerEpoch)),
      ("--epochs", String(epochs)),
      ("--inv-interval", invInterval),
      ("damping", damping ?? "none"),
    ]
  }
}
