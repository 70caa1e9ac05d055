import Foundation

/// Clean-up actions for outputs being written (temporary files and
/// folders), run by ``SignalCleanup`` when the process is interrupted so
/// that no partial output is left behind.
///
/// The clean-up runs on another thread than the work, so every step that
/// creates, fills or renames a pending output (``FileSystem``'s calls) runs
/// through ``exclusively(_:)``, which the clean-up excludes: it runs
/// between two steps, never during one, and ``cleanUpForExit()`` keeps the
/// lock, so that no step starts after it. Otherwise the clean-up could
/// remove a temporary file just before the main thread creates it, and
/// the file would outlive the process. Register an output's action before
/// its first step.
final class PendingOutputs: @unchecked Sendable {
  /// The process-wide registry.
  static let shared = PendingOutputs()

  /// Guards the actions and serializes steps with the clean-up; recursive,
  /// as steps and registrations nest (a folder's files are written inside
  /// ``OutputWriter/writeFolder(at:_:)``).
  private let lock = NSRecursiveLock()
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

  /// Runs one file-system step on a pending output; an interrupt's
  /// clean-up waits for it to finish.
  func exclusively<Result, Failure: Error>(
    _ step: () throws(Failure) -> Result
  ) throws(Failure) -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try step()
  }

  /// Runs and drops every registered action.
  func cleanUpAll() {
    lock.withLock { runAll() }
  }

  /// Runs and drops every registered action and keeps the lock: the
  /// process is about to exit, and no further step may start.
  func cleanUpForExit() {
    lock.lock()
    runAll()
  }

  /// Runs the actions; the lock is held.
  private func runAll() {
    let pending = actions.values
    actions.removeAll()
    for action in pending { action() }
  }
}
