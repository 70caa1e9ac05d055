import Foundation

/// How a base value (the learning rate `--lr`, or a damping) changes with
/// the epoch `e`, evaluated every step at the fractional epoch
/// `e = step / stepsPerEpoch` (0 at the first step).
///
/// Command-line forms (`--lr-schedule`):
/// - `constant`: `α(e) = α`.
/// - `step:every=E,factor=F` (Eq. 13; defaults E = 30, F = 0.1):
///   `α(e) = α·F^⌊e/E⌋`. The paper's `0.1 × 10^−⌊e/30⌋` is `step` with
///   `--lr 0.1`.
/// - `poly:end=E,power=P` (Eq. 14; P defaults to 1):
///   `α(e) = α·(1 − e/E)^P`, and 0 once `e ≥ E`.
/// - `warmup:start=S,epochs=W,end=E,power=P` (Eq. 15; S defaults to 0,
///   P to 1): `α(e) = S + (α − S)·e/W` while `e ≤ W`, then
///   `α·(1 − (e − W)/E)^P` (0 once `e − W ≥ E`); `α` is the paper's
///   `α_target`, `S` its `α_warmup`.
package enum LearningRateSchedule: Sendable, Equatable, CustomStringConvertible
{
  case constant
  case step(every: Double, factor: Double)
  case polynomial(end: Double, power: Double)
  case warmup(start: Double, epochs: Double, end: Double, power: Double)

  /// The value at fractional epoch `epoch` for base value `base`.
  package func value(base: Double, epoch e: Double) -> Double {
    switch self {
    case .constant:
      return base
    case .step(let every, let factor):
      return base * pow(factor, (e / every).rounded(.down))
    case .polynomial(let end, let power):
      return base * Self.decay(e / end, power)
    case .warmup(let start, let epochs, let end, let power):
      if e <= epochs { return start + (base - start) * e / epochs }
      return base * Self.decay((e - epochs) / end, power)
    }
  }

  private static func decay(_ fraction: Double, _ power: Double) -> Double {
    fraction >= 1 ? 0 : pow(1 - fraction, power)
  }

  /// Parses the command-line form (see the type's documentation).
  package init(parsing text: String) throws(TrainingError) {
    do throws(ScheduleTextError) {
      var spec = try ScheduleText(text)
      switch spec.kind {
      case "constant": self = .constant
      case "step":
        self = .step(
          every: try spec.take("every", 30),
          factor: try spec.take("factor", 0.1))
      case "poly":
        self = .polynomial(
          end: try spec.take("end"), power: try spec.take("power", 1))
      case "warmup":
        self = .warmup(
          start: try spec.take("start", 0, positive: false),
          epochs: try spec.take("epochs"), end: try spec.take("end"),
          power: try spec.take("power", 1))
      default:
        throw ScheduleTextError(
          "expected constant, step:…, poly:… or warmup:…")
      }
      try spec.finish()
    } catch {
      throw .badSchedule(text, reason: error.reason)
    }
  }

  package var description: String {
    func n(_ v: Double) -> String { String(format: "%g", v) }
    switch self {
    case .constant: return "constant"
    case .step(let e, let f): return "step:every=\(n(e)),factor=\(n(f))"
    case .polynomial(let e, let p): return "poly:end=\(n(e)),power=\(n(p))"
    case .warmup(let s, let w, let e, let p):
      return "warmup:start=\(n(s)),epochs=\(n(w)),end=\(n(e)),power=\(n(p))"
    }
  }
}
