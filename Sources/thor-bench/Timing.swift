import ThorLinalg

/// Wall-clock helpers shared by the benchmarks.
enum Timing {
  /// Seconds `body` takes (`ContinuousClock`).
  static func seconds<E: Error>(_ body: () throws(E) -> Void) throws(E)
    -> Double
  {
    var failure: E?
    let elapsed = ContinuousClock().measure {
      do throws(E) { try body() } catch { failure = error }
    }
    if let failure { throw failure }
    return elapsed.inSeconds
  }
}
