import ThorTraining

extension Dataset {
  /// The first `count` samples (all of them when there are fewer).
  func prefix(_ count: Int) -> Dataset {
    guard count < self.count else { return self }
    return Dataset(
      shape: shape, classes: classes,
      pixels: Array(pixels[..<(count * shape.count)]),
      labels: Array(labels[..<count]))
  }
}
