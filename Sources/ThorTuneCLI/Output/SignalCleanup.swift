import Foundation
import Synchronization

/// Handles SIGINT and SIGTERM: removes pending temporary outputs (see
/// ``PendingOutputs``) and exits with status 128 + the signal number (130
/// for Ctrl-C, 143 for SIGTERM), so an interrupted command leaves no
/// partial output and its previous output intact.
///
/// The handler itself only raises ``isInterrupted`` and wakes a clean-up
/// thread through a pipe (both safe in a signal handler), so that no
/// file-system step starts once the signal has arrived, however late the
/// clean-up thread gets to run.
enum SignalCleanup {
  /// Raised by the first SIGINT or SIGTERM, at once.
  static var isInterrupted: Bool { interrupted.load(ordering: .acquiring) }

  private static let interrupted = Atomic<Bool>(false)
  private static let lock = NSLock()
  nonisolated(unsafe) private static var installed = false
  /// The pipe's write end, for the handler; set before it is installed.
  nonisolated(unsafe) fileprivate static var wakeUp: Int32 = -1

  /// Installs the handlers once per process; later calls do nothing.
  static func install() {
    lock.withLock {
      guard !installed else { return }
      installed = true
      // Statics are initialized lazily: touch the flag now, so that the
      // handler never runs an initializer.
      interrupted.store(false, ordering: .relaxed)
      var ends: [Int32] = [0, 0]
      guard pipe(&ends) == 0 else { return }
      wakeUp = ends[1]
      let readEnd = ends[0]
      Thread.detachNewThread { waitForSignal(readEnd) }
      // A parent may have started us with the signals blocked (a test
      // runner, a supervisor); they would then never arrive.
      var blocked = sigset_t()
      sigemptyset(&blocked)
      for signalNumber in [SIGINT, SIGTERM] {
        sigaddset(&blocked, signalNumber)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handleSignal
        sigemptyset(&action.sa_mask)
        // Restarted system calls: the work never sees EINTR, and stops
        // at its next file-system step instead.
        action.sa_flags = SA_RESTART
        sigaction(signalNumber, &action, nil)
      }
      pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
    }
  }

  fileprivate static func raise() {
    interrupted.store(true, ordering: .releasing)
  }

  /// The clean-up thread: waits for the handler's byte, then cleans up
  /// and exits.
  private static func waitForSignal(_ readEnd: Int32) {
    var signalNumber: UInt8 = 0
    while read(readEnd, &signalNumber, 1) != 1 {
      guard errno == EINTR else { return }  // no signal can come any more
    }
    PendingOutputs.shared.cleanUpForExit()
    if StandardError.isTerminal { StandardError.write("\n") }
    // _exit: the main thread may be inside OpenBLAS; skip atexit.
    _exit(128 + Int32(signalNumber))
  }
}

/// The signal handler: only async-signal-safe work.
private func handleSignal(_ signalNumber: Int32) {
  SignalCleanup.raise()
  var byte = UInt8(truncatingIfNeeded: signalNumber)
  _ = write(SignalCleanup.wakeUp, &byte, 1)
}
