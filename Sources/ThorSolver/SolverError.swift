/// Why a plan cannot be made from the given inputs.
package enum SolverError: Error, Equatable, Sendable {
  /// The profile holds no timings.
  case emptyProfile
  /// No candidate split dimensions were given.
  case noCandidates
  /// A candidate is below 1 or candidates are not strictly ascending.
  case invalidCandidates([Int])
  /// The tolerance is outside `[0, 1]`.
  case invalidTolerance(Double)
  /// The update budget is negative or not finite.
  case invalidUpdateBudget(Double)
}

extension SolverError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .emptyProfile:
      "the hardware profile has no results (no timed dimensions)"
    case .noCandidates:
      "no candidate split dimensions"
    case .invalidCandidates(let list):
      "candidate split dimensions must be positive and strictly ascending, "
        + "got \(list.map(String.init).joined(separator: ","))"
    case .invalidTolerance(let value):
      "tolerance must be between 0 and 1, got \(value)"
    case .invalidUpdateBudget(let value):
      "update budget must be a non-negative number, got \(value)"
    }
  }
}
