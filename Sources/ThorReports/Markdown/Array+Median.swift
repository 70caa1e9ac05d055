extension Array where Element == Double {
  /// The median: the middle value, or the mean of the two middle values.
  var median: Double {
    precondition(!isEmpty, "the median of no values")
    let sorted = self.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1
      ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }
}
