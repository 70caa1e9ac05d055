/// A `Float64` work buffer allocated once and freed with its owner, for
/// the passes over a factor (no allocation inside their loops).
final class Scratch {
  /// The first element.
  let base: UnsafeMutablePointer<Double>
  /// The number of elements.
  let count: Int

  init(count: Int) {
    self.count = Swift.max(1, count)
    base = .allocate(capacity: self.count)
    base.initialize(repeating: 0, count: self.count)
  }

  deinit { base.deallocate() }
}
