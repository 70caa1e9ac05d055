import Dispatch
import Foundation

/// Handles SIGINT and SIGTERM: removes pending temporary outputs (see
/// ``PendingOutputs``) and exits with status 128 + the signal number (130
/// for Ctrl-C, 143 for SIGTERM), so an interrupted command leaves no
/// partial output.
enum SignalCleanup {
  nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] =
    []
  private static let lock = NSLock()

  /// Installs the handlers once per process; later calls do nothing.
  static func install() {
    lock.withLock {
      guard sources.isEmpty else { return }
      for signalNumber in [SIGINT, SIGTERM] {
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(
          signal: signalNumber, queue: .global())
        source.setEventHandler {
          PendingOutputs.shared.cleanUpForExit()
          if StandardError.isTerminal { StandardError.write("\n") }
          // _exit: the main thread may be inside OpenBLAS; skip atexit.
          _exit(128 + signalNumber)
        }
        source.resume()
        sources.append(source)
      }
    }
  }
}
