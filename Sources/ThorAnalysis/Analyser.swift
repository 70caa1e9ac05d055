import Foundation
import ThorLinalg

/// Analyses every factor of a dump in parallel: loads each from the
/// memory-mapped file only when a worker takes it, computes its
/// ``SplitLosses`` and releases it.
///
/// Factors are taken largest first, so that the long ones start early.
/// At most ``memoryBudget`` bytes of `Float64` factors are held at once
/// (one factor is always allowed, however large); with the update change
/// each factor counts twice (its dense damped inverse is held beside it).
/// With more than one worker, OpenBLAS runs one thread per worker.
public struct Analyser: Sendable {
  /// Progress after each factor.
  public struct Progress: Sendable {
    public var done: Int
    public var total: Int
    public var tensorName: String
  }

  /// The candidate split dimensions.
  public var candidates: [Int]
  /// Concurrent workers (at least 1).
  public var threads: Int
  /// Bytes of `Float64` factors held at once.
  public var memoryBudget: Int
  /// The per-factor computation.
  public var eigenLoss: EigenLoss
  /// The update change at the run's factor damping; `nil` skips it.
  public var updateChange: UpdateChange?

  public init(
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
  public func analyse(
    _ catalog: FactorCatalog, loader: FactorLoader,
    progress: @escaping @Sendable (Progress) -> Void = { _ in }
  ) throws(FactorError) -> [FactorAnalysis] {
    let entries = catalog.entries
    let order = entries.indices.sorted {
      entries[$0].dimension > entries[$1].dimension
    }
    let workers = Swift.min(threads, entries.count)
    let savedThreads = OpenBLAS.threads
    OpenBLAS.setThreads(workers > 1 ? 1 : threads)
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

  /// One worker: takes factors until none is left or one failed.
  private func work(
    _ entries: [FactorCatalog.Entry], order: [Int], loader: FactorLoader,
    state: SharedState, progress: (Progress) -> Void
  ) {
    while let index = state.next(order) {
      let entry = entries[index]
      // The factor, and with the update change its dense damped inverse.
      let copies = updateChange == nil ? 1 : 2
      let bytes = copies * entry.dimension * entry.dimension * 8
      state.acquire(bytes)
      let result = Result { () throws(FactorError) -> FactorAnalysis in
        try analyse(entry, loader: loader)
      }
      state.release(bytes)
      state.finish(index, result) { done in
        progress(
          Progress(
            done: done, total: entries.count, tensorName: entry.tensorName))
      }
    }
  }

  private func analyse(
    _ entry: FactorCatalog.Entry, loader: FactorLoader
  ) throws(FactorError) -> FactorAnalysis {
    let matrix = try loader.load(entry)
    do {
      let losses = try eigenLoss.losses(of: matrix, candidates: candidates)
      let changes = try updateChange?.changes(
        of: matrix, candidates: candidates)
      return FactorAnalysis(
        layer: entry.layer, kind: entry.kind, losses: losses,
        changes: changes)
    } catch {
      throw .numerical(
        source: loader.file.source, tensor: entry.tensorName, error: error)
    }
  }
}
