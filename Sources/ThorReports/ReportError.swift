/// What can go wrong while reading inputs for a report.
package enum ReportError: Error, Equatable, Sendable {
  /// A plan whose arrays disagree with its candidates.
  case inconsistentPlan(String)
  /// A factor dump that cannot be used for the trace change rate.
  case invalidDump(file: String, reason: String)
  /// Two factor dumps of the same step.
  case duplicateStep(step: Int, files: [String])
  /// Fewer than two dumps: no change rate can be computed.
  case tooFewDumps(count: Int)
}

extension ReportError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .inconsistentPlan(let reason):
      "plan: \(reason)"
    case .invalidDump(let file, let reason):
      "\(file): \(reason)"
    case .duplicateStep(let step, let files):
      "two factor dumps for step \(step): "
        + files.joined(separator: " and ")
    case .tooFewDumps(let count):
      "the trace change rate needs at least two factor dumps of one run, "
        + "got \(count)"
    }
  }
}
