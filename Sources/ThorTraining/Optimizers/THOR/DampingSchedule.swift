import Foundation

/// The damping `λ` as a function of the 0-based epoch `e`.
package struct DampingSchedule: Sendable, Equatable, CustomStringConvertible {
  /// How `λ` changes with the epoch.
  package enum Shape: Sendable, Equatable {
    /// `λ = λ₀` throughout.
    case constant
    /// Eq. 13: `λ = λ₀ · factor^⌊e / every⌋` (the paper: 0.3 × 10^−⌊e/30⌋).
    case step(factor: Double, every: Int)
    /// Eq. 16: `λ = λ₀ · ρ^(e / span)` (the paper: ρ = 0.87, span 10).
    case exponential(rate: Double, span: Double)
  }

  /// `λ₀`.
  package var initial: Double
  package var shape: Shape

  /// Creates a schedule starting at `initial > 0`.
  package init(initial: Double, shape: Shape = .constant) {
    precondition(initial > 0, "damping must be positive")
    self.initial = initial
    self.shape = shape
  }

  /// Parses the learning rate's schedule grammar: `constant`,
  /// `step:every=E,factor=F` (Eq. 13, defaults 30 and 0.1) or
  /// `exp:rate=R,span=S` (Eq. 16, defaults 0.87 and 10); `eq13` and
  /// `eq16` are aliases. The positional forms `step[:FACTOR[:EVERY]]` and
  /// `exp[:RHO[:SPAN]]` of earlier versions are still read.
  /// - Throws: ``SecondOrderError`` quoting the text that is wrong.
  package init(initial: Double, parsing text: String)
    throws(SecondOrderError)
  {
    guard initial > 0, initial.isFinite else {
      throw Self.invalid("damping must be positive, got \(initial)")
    }
    let positional = text.contains(":") && !text.contains("=")
    let shape =
      positional
      ? try Self.positionalShape(text) : try Self.shape(text)
    self.init(initial: initial, shape: shape)
  }

  /// `constant`, `step:every=E,factor=F` or `exp:rate=R,span=S`.
  private static func shape(_ text: String) throws(SecondOrderError)
    -> Shape
  {
    do throws(ScheduleTextError) {
      var spec = try ScheduleText(text)
      let shape: Shape
      switch spec.kind {
      case "constant":
        shape = .constant
      case "step", "eq13":
        let every = try spec.take("every", 30)
        guard every == every.rounded() else {
          throw ScheduleTextError("every must be a whole number of epochs")
        }
        shape = .step(factor: try spec.take("factor", 0.1), every: Int(every))
      case "exp", "eq16":
        shape = .exponential(
          rate: try spec.take("rate", 0.87), span: try spec.take("span", 10))
      default:
        throw ScheduleTextError(
          "expected constant, step:every=E,factor=F or exp:rate=R,span=S, "
            + "got '\(text)'")
      }
      try spec.finish()
      return shape
    } catch {
      throw invalid(error.reason)
    }
  }

  /// The positional `step[:FACTOR[:EVERY]]` and `exp[:RHO[:SPAN]]`.
  private static func positionalShape(_ text: String)
    throws(SecondOrderError) -> Shape
  {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    let numbers = parts.dropFirst().map(Double.init)
    guard numbers.allSatisfy({ $0 != nil && $0! > 0 && $0!.isFinite }) else {
      throw invalid("parameters must be positive numbers in '\(text)'")
    }
    let values = numbers.map { $0! }
    switch (parts[0], values.count) {
    case ("step", 1...2), ("eq13", 1...2):
      let every = values.count > 1 ? values[1] : 30
      guard every == every.rounded() else {
        throw invalid("EVERY must be a whole number of epochs")
      }
      return .step(factor: values[0], every: Int(every))
    case ("exp", 1...2), ("eq16", 1...2):
      return .exponential(
        rate: values[0], span: values.count > 1 ? values[1] : 10)
    default:
      throw invalid(
        "expected constant, step:every=E,factor=F or exp:rate=R,span=S, "
          + "got '\(text)'")
    }
  }

  private static func invalid(_ reason: String) -> SecondOrderError {
    .invalidOption(what: "damping schedule", reason: reason)
  }

  /// `λ` during 0-based epoch `epoch`.
  package func damping(atEpoch epoch: Int) -> Double {
    switch shape {
    case .constant:
      return initial
    case .step(let factor, let every):
      return initial * pow(factor, Double(epoch / every))
    case .exponential(let rate, let span):
      return initial * pow(rate, Double(epoch) / span)
    }
  }

  /// The schedule in the syntax ``init(initial:parsing:)`` reads.
  package var description: String {
    switch shape {
    case .constant: "constant"
    case .step(let factor, let every): "step:every=\(every),factor=\(factor)"
    case .exponential(let rate, let span): "exp:rate=\(rate),span=\(span)"
    }
  }
}
