import Foundation

extension Analyser {
  /// The work queue, memory gate and results the workers share.
  final class SharedState: @unchecked Sendable {
    private let condition = NSCondition()
    private var taken = 0
    private var inFlight = 0
    private var completed = 0
    private let budget: Int
    private var slots: [Result<FactorAnalysis, FactorError>?]
    private var failure: FactorError?

    init(count: Int, budget: Int) {
      self.budget = budget
      slots = Array(repeating: nil, count: count)
    }

    /// The next index of `order` to work on; `nil` when done or failed.
    func next(_ order: [Int]) -> Int? {
      condition.lock()
      defer { condition.unlock() }
      guard failure == nil, taken < order.count else { return nil }
      taken += 1
      return order[taken - 1]
    }

    /// Waits until `bytes` fit the budget (or nothing else is held).
    func acquire(_ bytes: Int) {
      condition.lock()
      while inFlight > 0 && inFlight + bytes > budget { condition.wait() }
      inFlight += bytes
      condition.unlock()
    }

    func release(_ bytes: Int) {
      condition.lock()
      inFlight -= bytes
      condition.broadcast()
      condition.unlock()
    }

    /// Stores a result and, unless a factor failed, calls `report` with
    /// the number done (under the lock, so reports never overlap).
    func finish(
      _ index: Int, _ result: Result<FactorAnalysis, FactorError>,
      report: (Int) -> Void
    ) {
      condition.lock()
      defer { condition.unlock() }
      slots[index] = result
      if case .failure(let error) = result, failure == nil {
        failure = error
      }
      completed += 1
      if failure == nil { report(completed) }
    }

    /// Every result in index order, or the first failure.
    func results() throws(FactorError) -> [FactorAnalysis] {
      if let failure { throw failure }
      return try slots.map { slot throws(FactorError) in try slot!.get() }
    }
  }
}
