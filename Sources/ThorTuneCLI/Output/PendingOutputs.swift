import Foundation

/// Clean-up actions for outputs being written (temporary files and
/// folders), run by ``SignalCleanup`` when the process is interrupted so
/// that no partial output is left behind.
final class PendingOutputs: @unchecked Sendable {
  /// The process-wide registry.
  static let shared = PendingOutputs()

  private let lock = NSLock()
  private var actions: [Int: @Sendable () -> Void] = [:]
  private var next = 0

  /// Registers `cleanUp`; returns a token for ``resolve(_:)``.
  func register(_ cleanUp: @escaping @Sendable () -> Void) -> Int {
    lock.withLock {
      next += 1
      actions[next] = cleanUp
      return next
    }
  }

  /// Drops the action for `token` without running it (the output is done
  /// or was already cleaned up).
  func resolve(_ token: Int) {
    _ = lock.withLock { actions.removeValue(forKey: token) }
  }

  /// Runs and drops every registered action.
  func cleanUpAll() {
    let pending = lock.withLock {
      defer { actions.removeAll() }
      return actions.values
    }
    for action in pending { action() }
  }
}
