import Dispatch
import Synchronization

/// Runs work on consecutive slices of a batch (or of a matrix's rows),
/// one slice per worker, concurrently, with OpenBLAS single-threaded
/// meanwhile: each worker's BLAS calls stay on its own core and in its
/// cache instead of every call being handed to OpenBLAS's threads and
/// back.
///
/// There are as many workers as ``OpenBLAS/threads`` (the trainer's
/// `--threads`). Inside a worker that count reads 1, so a nested split
/// runs inline. Slices depend only on the item and worker counts, never on
/// scheduling, so a run's results do too.
package enum BatchParallel {
  /// The workers for `count` items, each given at least `grain` of them.
  package static func workers(for count: Int, grain: Int = 1) -> Int {
    Swift.max(1, Swift.min(OpenBLAS.threads, count / Swift.max(grain, 1)))
  }

  /// Calls `body(worker, items)` for the slices of `0..<count` over
  /// `workers` workers, concurrently, and returns when all are done,
  /// OpenBLAS's thread count restored. One worker runs `body` inline with
  /// OpenBLAS's threads as they are (one large item may use them all).
  package static func split(
    _ count: Int, workers: Int, _ body: (Int, Range<Int>) -> Void
  ) {
    guard workers > 1 else {
      body(0, 0..<count)
      return
    }
    serially {
      withoutActuallyEscaping(body) { body in
        let work = SharedWork(body: body)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
          work.body(w, slice(w, of: count, workers: workers))
        }
      }
    }
  }

  /// Runs `body` with OpenBLAS single-threaded, its thread count restored
  /// after: for BLAS work too small to share. A multi-threaded OpenBLAS
  /// call wakes OpenBLAS's own threads, which then spin in `sched_yield`
  /// for a while beside the workers.
  package static func serially<R, E: Error>(
    _ body: () throws(E) -> R
  ) throws(E) -> R {
    let threads = OpenBLAS.threads
    guard threads > 1 else { return try body() }
    OpenBLAS.setThreads(1)
    defer { OpenBLAS.setThreads(threads) }
    return try body()
  }

  /// The workers' closure: each worker writes only its own slice and
  /// buffers, which is what makes sharing it safe.
  private struct SharedWork: @unchecked Sendable {
    let body: (Int, Range<Int>) -> Void
  }

  /// Splits `count` items over the workers its size allows (at least
  /// `grain` items each) and runs them (see ``split(_:workers:_:)``);
  /// work that is one worker's worth runs inline, ``serially(_:)``.
  package static func split(
    _ count: Int, grain: Int, _ body: (Int, Range<Int>) -> Void
  ) {
    let n = workers(for: count, grain: grain)
    guard n > 1 else { return serially { body(0, 0..<count) } }
    split(count, workers: n, body)
  }

  /// Calls `body(item)` for every item of `0..<count` on the workers
  /// (``workers(for:grain:)``), each worker taking the next item not yet
  /// taken, with OpenBLAS single-threaded meanwhile; a single item runs
  /// inline with OpenBLAS's threads, as ``split(_:workers:_:)`` runs one
  /// worker. For items of uneven cost (list them costliest first) whose
  /// results do not depend on which worker computes them.
  package static func forEach(_ count: Int, _ body: (Int) -> Void) {
    let next = Atomic(0)
    let n = workers(for: count)
    split(n, workers: n) { _, _ in
      while true {
        let item = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard item < count else { return }
        body(item)
      }
    }
  }

  /// Cuts `0..<count` into chunks of `size` items (the last may be
  /// shorter), splits the chunks over `workers` and calls
  /// `body(worker, chunk index, items)` for each, every worker taking its
  /// chunks in order. The chunks do not depend on the worker count.
  package static func splitChunks(
    _ count: Int, size: Int, workers: Int,
    _ body: (Int, Int, Range<Int>) -> Void
  ) {
    let chunks = chunkCount(count, size: size)
    split(chunks, workers: Swift.min(workers, chunks)) { worker, indices in
      for i in indices {
        body(worker, i, (i * size)..<Swift.min((i + 1) * size, count))
      }
    }
  }

  /// The chunks of `size` items `splitChunks` cuts `count` items into.
  package static func chunkCount(_ count: Int, size: Int) -> Int {
    (count + size - 1) / size
  }

  /// Worker `w`'s slice: the first `count % workers` slices are one longer.
  package static func slice(_ w: Int, of count: Int, workers: Int)
    -> Range<Int>
  {
    let base = count / workers
    let extra = count % workers
    let lower = w * base + Swift.min(w, extra)
    return lower..<(lower + base + (w < extra ? 1 : 0))
  }
}
