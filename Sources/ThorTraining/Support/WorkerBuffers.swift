/// One ``ScratchBuffer`` per worker of a ``BatchParallel`` split, so
/// workers never share scratch memory; buffers are added, never dropped.
final class WorkerBuffers {
  private var buffers: [ScratchBuffer] = []

  /// Makes sure workers `0..<count` have a buffer (call before a split).
  func prepare(_ count: Int) {
    while buffers.count < count { buffers.append(ScratchBuffer()) }
  }

  /// Worker `w`'s buffer.
  subscript(w: Int) -> ScratchBuffer { buffers[w] }
}
