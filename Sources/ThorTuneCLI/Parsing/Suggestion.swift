/// "Did you mean …?" suggestions by edit distance.
enum Suggestion {
  /// The candidate closest to `word`, when it is close enough to be a
  /// plausible typo (at most a third of the word's length, at least 2
  /// edits allowed), or when `word` is a prefix of exactly one candidate.
  static func closest(to word: String, among candidates: [String]) -> String? {
    let prefixed = candidates.filter { $0.hasPrefix(word) && !word.isEmpty }
    if prefixed.count == 1 { return prefixed[0] }
    let limit = Swift.max(2, word.count / 3)
    let scored = candidates.map { ($0, editDistance(word, $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else {
      return nil
    }
    return best.0
  }

  /// The Levenshtein distance between two strings (insertions, deletions
  /// and substitutions of characters).
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = Swift.min(
          substitution, previous[j] + 1, current[j - 1] + 1)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
