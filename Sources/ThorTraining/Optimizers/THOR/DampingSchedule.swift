import Foundation

/// The damping `λ` as a function of the 0-based epoch `e`.
public struct DampingSchedule: Sendable, Equatable, CustomStringConvertible {
  /// How `λ` changes with the epoch.
  public enum Shape: Sendable, Equatable {
    /// `λ = λ₀` throughout.
    case constant
    /// Eq. 13: `λ = λ₀ · factor^⌊e / every⌋` (the paper: 0.3 × 10^−⌊e/30⌋).
    case step(factor: Double, every: Int)
    /// Eq. 16: `λ = λ₀ · ρ^(e / span)` (the paper: ρ = 0.87, span 10).
    case exponential(rate: Double, span: Double)
  }

  /// `λ₀`.
  public var initial: Double
  public var shape: Shape

  /// Creates a schedule starting at `initial > 0`.
  public init(initial: Double, shape: Shape = .constant) {
    precondition(initial > 0, "damping must be positive")
    self.initial = initial
    self.shape = shape
  }

  /// Parses `constant`, `step[:FACTOR[:EVERY]]` (Eq. 13, default 0.1:30)
  /// or `exp[:RHO[:SPAN]]` (Eq. 16, default 0.87:10); `eq13` and `eq16`
  /// are aliases.
  /// - Throws: ``SecondOrderError`` quoting the text that is wrong.
  public init(initial: Double, parsing text: String)
    throws(SecondOrderError)
  {
    guard initial > 0, initial.isFinite else {
      throw Self.invalid("damping must be positive, got \(initial)")
    }
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    let numbers = parts.dropFirst().map(Double.init)
    guard numbers.allSatisfy({ $0 != nil && $0! > 0 && $0!.isFinite }) else {
      throw Self.invalid("parameters must be positive numbers in '\(text)'")
    }
    let values = numbers.map { $0! }
    switch (parts[0], values.count) {
    case ("constant", 0):
      self.init(initial: initial)
    case ("step", 0...2), ("eq13", 0...2):
      let every = values.count > 1 ? values[1] : 30
      guard every == every.rounded() else {
        throw Self.invalid("EVERY must be a whole number of epochs")
      }
      self.init(
        initial: initial,
        shape: .step(
          factor: values.first ?? 0.1, every: Int(every)))
    case ("exp", 0...2), ("eq16", 0...2):
      self.init(
        initial: initial,
        shape: .exponential(
          rate: values.first ?? 0.87, span: values.count > 1 ? values[1] : 10))
    default:
      throw Self.invalid(
        "expected constant, step[:FACTOR[:EVERY]] or exp[:RHO[:SPAN]], "
          + "got '\(text)'")
    }
  }

  private static func invalid(_ reason: String) -> SecondOrderError {
    .invalidOption(what: "damping schedule", reason: reason)
  }

  /// `λ` during 0-based epoch `epoch`.
  public func damping(atEpoch epoch: Int) -> Double {
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
  public var description: String {
    switch shape {
    case .constant: "constant"
    case .step(let factor, let every): "step:\(factor):\(every)"
    case .exponential(let rate, let span): "exp:\(rate):\(span)"
    }
  }
}
