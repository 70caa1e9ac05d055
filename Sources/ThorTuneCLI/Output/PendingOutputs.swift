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
  private var actions: [Int: (path: String, run: @Sendable () -> Void)] = [:]
  private var next = 0
  /// The thread running ``cleanUpForExit()``, whose own steps (moving a
  /// replaced folder back) must still run; read and set under `lock`.
  private var cleaner: pthread_t?

  /// Registers `cleanUp` for the output at `path`; returns a token for
  /// ``resolve(_:)``.
  func register(_ path: URL, _ cleanUp: @escaping @Sendable () -> Void)
    -> Int
  {
    lock.withLock {
      next += 1
      actions[next] = (path.standardizedFileURL.path, cleanUp)
      return next
    }
  }

  /// Drops the action for `token` without running it (the output is done
  /// or was already cleaned up).
  func resolve(_ token: Int) {
    _ = lock.withLock { actions.removeValue(forKey: token) }
  }

  /// Runs one file-system step on a pending output; an interrupt's
  /// clean-up waits for it to finish. Once an interrupt has arrived
  /// (``SignalCleanup/isInterrupted``), a step of the work never starts:
  /// its thread waits for the exit; the clean-up's own steps run.
  func exclusively<Result, Failure: Error>(
    _ step: () throws(Failure) -> Result
  ) throws(Failure) -> Result {
    lock.lock()
    let isCleaner = cleaner.map { pthread_equal($0, pthread_self()) != 0 }
    if SignalCleanup.isInterrupted && isCleaner != true {
      lock.unlock()
      while true { pause() }
    }
    defer { lock.unlock() }
    return try step()
  }

  /// Runs and drops the actions of outputs inside `folder` (what an
  /// interrupt does, limited to one folder).
  func cleanUp(under folder: URL) {
    let prefix = folder.standardizedFileURL.path + "/"
    lock.withLock {
      for (token, action) in actions where action.path.hasPrefix(prefix) {
        actions.removeValue(forKey: token)
        action.run()
      }
    }
  }

  /// Runs and drops every registered action and keeps the lock: the
  /// process is about to exit, and no further step may start.
  func cleanUpForExit() {
    lock.lock()
    cleaner = pthread_self()
    let pending = actions.values
    actions.removeAll()
    for action in pending { action.run() }
  }
}
