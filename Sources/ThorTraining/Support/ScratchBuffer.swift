/// A growable, uninitialized-on-growth Float buffer a layer reuses across
/// batches, so hot paths allocate nothing once the largest batch was seen.
final class ScratchBuffer {
  private(set) var pointer: UnsafeMutablePointer<Float>
  private(set) var capacity: Int

  init() {
    capacity = 0
    pointer = .allocate(capacity: 1)
  }

  deinit { pointer.deallocate() }

  /// Makes room for `count` elements (old contents are dropped on growth)
  /// and returns the start.
  @discardableResult
  func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
    if count > capacity {
      pointer.deallocate()
      pointer = .allocate(capacity: count)
      capacity = count
    }
    return pointer
  }
}
