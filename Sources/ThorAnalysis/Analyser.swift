import Foundation
import ThorLinalg

/// Analyses every factor of a dump in parallel: reads each where it is
/// memory-mapped, in its stored precision, only when a worker takes it,
/// computes its ``SplitLosses`` and drops its resident pages.
///
/// Factors are taken largest first, so that the long ones start early.
/// The factors in work hold at most ``memoryBudget`` bytes at once
/// (``residentBytes(dimension:storedBytes:)``): each its stored bytes
/// and work buffers, and with the update change its dense `Float64`
/// inverse. A factor whose stored bytes do not fit runs alone and streams:
/// its pages are dropped as soon as they are read, so it holds only its
/// buffers (and inverse). With the update change, a factor whose buffers
/// and inverse alone exceed the budget is refused before it takes any
/// (``FactorError/overBudget(source:tensor:lossBytes:changeBytes:budget:)``).
/// With more than one worker, OpenBLAS runs one thread per worker.
package struct Analyser: Sendable {
  /// Progress after each factor.
  package struct Progress: Sendable {
    package var done: Int
    package var total: Int
    package var tensorName: String
  }

  /// The candidate split dimensions.
  package var candidates: [Int]
  /// Concurrent workers (at least 1).
  package var threads: Int
  /// Bytes the factors in work hold at once.
  package var memoryBudget: Int
  /// The per-factor computation.
  package var eigenLoss: EigenLoss
  /// The update change at the run's factor damping; `nil` skips it.
  package var updateChange: UpdateChange?
  /// OpenBLAS threads per worker; `nil`: 1 with more than one worker,
  /// else ``threads``. Results depend on it in the last bits, so a shard
  /// sets what the whole dump's run uses.
  package var blasThreads: Int?

  /// OpenBLAS threads per worker when ``blasThreads`` is `nil`, for an
  /// analysis of `entries` factors: 1 with more than one worker, else
  /// ``threads``.
  package func defaultBLASThreads(entries: Int) -> Int {
    Swift.min(threads, entries) > 1 ? 1 : threads
  }

  /// The power of a factor's dimension its analysis grows with: 3 with
  /// the update change (a dense inverse), else 2 (for
  /// ``FactorCatalog/shard(_:of:exponent:)``).
  package var costExponent: Int { updateChange == nil ? 2 : 3 }

  package init(
    candidates: [Int],
    threads: Int = ProcessInfo.processInfo.activeProcessorCount,
    memoryBudget: Int = 512 << 20, eigenLoss: EigenLoss = EigenLoss(),
    updateChange: UpdateChange? = nil
  ) {
    self.candidates = candidates
    self.threads = Swift.max(1, threads)
    self.memoryBudget = memoryBudget
    self.eigenLoss = eigenLoss
    self.updateChange = updateChange
  }

  /// The analysis of every entry of `catalog`, in catalog order.
  ///
  /// `progress` is called on worker threads after each factor, one call at
  /// a time.
  /// - Throws: the first ``FactorError`` met; remaining work is abandoned.
  package func analyse(
    _ catalog: FactorCatalog, loader: FactorLoader,
    progress: @escaping @Sendable (Progress) -> Void = { _ in }
  ) throws(FactorError) -> [FactorAnalysis] {
    let entries = catalog.entries
    let order = entries.indices.sorted {
      entries[$0].dimension > entries[$1].dimension
    }
    let workers = Swift.min(threads, entries.count)
    let savedThreads = OpenBLAS.threads
    OpenBLAS.setThreads(
      blasThreads ?? defaultBLASThreads(entries: entries.count))
    defer { OpenBLAS.setThreads(savedThreads) }
    let state = SharedState(count: entries.count, budget: memoryBudget)
    // Plain threads, not Dispatch's pool: a long analysis must leave the
    // pool free for signal handlers (Ctrl-C) and other queued work.
    let finished = DispatchSemaphore(value: 0)
    for _ in 0..<workers {
      Thread {
        work(entries, order: order, loader: loader, state: state) {
          progress($0)
        }
        finished.signal()
      }.start()
    }
    for _ in 0..<workers { finished.wait() }
    return try state.results()
  }

  /// What a factor of dimension `d` stored in `storedBytes` holds while
  /// it is analysed: its pages, its buffers, and with the update change
  /// its dense inverse and one candidate's blocks.
  package func residentBytes(dimension d: Int, storedBytes: Int) -> Int {
    storedBytes + bufferBytes(dimension: d)
  }

  /// The part of ``residentBytes(dimension:storedBytes:)`` a streaming
  /// factor still holds.
  func bufferBytes(dimension d: Int) -> Int {
    let largest = candidates.filter { $0 < d }.max() ?? 0
    return EigenLoss.workspaceBytes(dimension: d)
      + (updateChange == nil
        ? 0 : UpdateChange.workspaceBytes(dimension: d, largestSplit: largest))
  }

  /// One worker: takes factors until none is left or one failed.
  private func work(
    _ entries: [FactorCatalog.Entry], order: [Int], loader: FactorLoader,
    state: SharedState, progress: (Progress) -> Void
  ) {
    while let index = state.next(order) {
      let entry = entries[index]
      let d = entry.dimension
      let whole = residentBytes(
        dimension: d, storedBytes: entry.tensor.byteRange.count)
      let streams = whole > memoryBudget
      let result: Result<FactorAnalysis, FactorError>
      if updateChange != nil && bufferBytes(dimension: d) > memoryBudget {
        let lossBytes = EigenLoss.workspaceBytes(dimension: d)
        result = .failure(
          .overBudget(
            source: loader.file.source, tensor: entry.tensorName,
            lossBytes: lossBytes,
            changeBytes: bufferBytes(dimension: d) - lossBytes,
            budget: memoryBudget))
      } else {
        let bytes = streams ? memoryBudget : whole
        state.acquire(bytes)
        result = Result { () throws(FactorError) -> FactorAnalysis in
          try analyse(entry, loader: loader, streams: streams)
        }
        state.release(bytes)
      }
      state.finish(index, result) { done in
        progress(
          Progress(
            done: done, total: entries.count, tensorName: entry.tensorName))
      }
    }
  }

  private func analyse(
    _ entry: FactorCatalog.Entry, loader: FactorLoader, streams: Bool
  ) throws(FactorError) -> FactorAnalysis {
    try loader.withView(of: entry, streams: streams) {
      view throws(FactorError) in
      do throws(LinearAlgebraError) {
        let losses = try eigenLoss.losses(of: view, candidates: candidates)
        let changes = try updateChange?.changes(
          of: view, candidates: candidates)
        return FactorAnalysis(
          layer: entry.layer, kind: entry.kind, losses: losses,
          changes: changes)
      } catch {
        throw .numerical(
          source: loader.file.source, tensor: entry.tensorName, error: error)
      }
    }
  }
}
