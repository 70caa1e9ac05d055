/// `--shard i/n`: part `i` (from 0) of `n`, as a job array's task index
/// gives it.
package struct ShardSpec: ArgumentValue, Equatable, Sendable {
  package var index: Int
  package var count: Int

  package init?(argument: String) {
    let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]),
      n >= 1, i >= 0, i < n
    else { return nil }
    (index, count) = (i, n)
  }

  package static var expectation: String {
    "i/n with 0 <= i < n, e.g. 0/4 (the task index of a job array)"
  }
}
