/// Why shard files cannot be merged into a plan. Every case names the
/// file (or files) concerned.
package enum ShardError: Error, Equatable, Sendable {
  case unreadable(path: String, reason: String)
  case unknownFormat(path: String, format: String, version: Int?)
  case noShards
  case differentCount(path: String, count: Int, first: String, firstCount: Int)
  case differentDump(
    path: String, digest: String, first: String,
    firstDigest: String)
  case differentCatalog(path: String, first: String)
  case differentSettings(
    path: String, field: String, value: String,
    first: String, firstValue: String)
  case duplicateShard(index: Int, count: Int, path: String, other: String)
  case missingShards(indices: [Int], count: Int)
  case duplicateFactor(tensor: String, path: String, other: String)
  case unknownFactor(tensor: String, path: String)
  case missingFactor(tensor: String)
}

extension ShardError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .unreadable(let path, let reason):
      "'\(path)': cannot read the shard: \(reason)"
    case .unknownFormat(let path, let format, let version):
      "'\(path)' is not a plan shard this version reads (format "
        + "'\(format)', version \(version.map(String.init) ?? "none"); "
        + "expected '\(PlanShard.formatName)', version "
        + "\(PlanShard.formatVersion))"
    case .noShards:
      "--merge needs at least one shard file"
    case .differentCount(let path, let count, let first, let firstCount):
      "'\(path)' is a shard of \(count), '\(first)' of \(firstCount); "
        + "shards of one run share --shard i/n's n"
    case .differentDump(let path, let digest, let first, let firstDigest):
      "'\(path)' is a shard of another dump than '\(first)' (SHA-256 "
        + "\(digest.prefix(12))… against \(firstDigest.prefix(12))…)"
    case .differentCatalog(let path, let first):
      "'\(path)' lists other factors than '\(first)' for the same dump"
    case .differentSettings(
      let path, let field, let value, let first,
      let firstValue):
      "'\(path)' was made with \(field) \(value), '\(first)' with "
        + "\(firstValue); run every shard with the same options"
    case .duplicateShard(let index, let count, let path, let other):
      "shard \(index)/\(count) is given twice: '\(other)' and '\(path)'"
    case .missingShards(let indices, let count):
      "shard" + (indices.count == 1 ? " " : "s ")
        + indices.map { "\($0)/\(count)" }.joined(separator: ", ")
        + (indices.count == 1 ? " is" : " are")
        + " missing; pass every shard's file to --merge"
    case .duplicateFactor(let tensor, let path, let other):
      "factor '\(tensor)' is analysed in both '\(other)' and '\(path)'"
    case .unknownFactor(let tensor, let path):
      "'\(path)' holds factor '\(tensor)', which its dump does not list"
    case .missingFactor(let tensor):
      "no shard holds factor '\(tensor)'"
    }
  }
}
