/// `--shard i/n`: part `i` (from 0) of `n`, as a job array's task index
/// gives it.
public struct ShardSpec: ArgumentValue, Equatable, Sendable {
  public var index: Int
  public var count: Int

  public init?(argument: String) {
    let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]),
      n >= 1, i >= 0, i < n
    else { return nil }
    (index, count) = (i, n)
  }

  public static var expectation: String {
    "i/n with 0 <= i < n, e.g. 0/4 (the task index of a job array)"
  }
}
