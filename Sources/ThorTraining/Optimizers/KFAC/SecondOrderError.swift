/// Failures of the second-order optimizers' set-up and factor capture,
/// each naming the option, plan or file concerned.
package enum SecondOrderError: Error, Equatable, Sendable {
  /// An option's value cannot be used; `what` names the option.
  case invalidOption(what: String, reason: String)
  /// The plan's `format`/`version` is not `thor-tune/plan` version 1.
  case unknownPlanFormat(path: String, format: String, version: Int?)
  /// The plan and the model disagree on the layers.
  case planLayerMismatch(
    path: String, unknownToModel: [String], missingFromPlan: [String])
  /// A plan factor's dimension differs from the model layer's.
  case planDimensionMismatch(
    path: String, layer: String, factor: String, plan: Int, model: Int)
  /// The plan file cannot be read or decoded.
  case unreadablePlan(path: String, reason: String)
  /// A factor holds NaN or infinity: training has diverged.
  case nonFiniteFactor(name: String)
  /// A damped factor stayed not positive definite despite the jitter.
  case notInvertible(name: String, reason: String)
  /// A factor dump could not be written.
  case dumpFailed(path: String, reason: String)
}

extension SecondOrderError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .invalidOption(let what, let reason):
      return "invalid \(what): \(reason)"
    case .unknownPlanFormat(let path, let format, let version):
      let v = version.map(String.init) ?? "(none)"
      return "\(path): unknown plan format '\(format)' version \(v) "
        + "(expected 'thor-tune/plan' version 1)"
    case .planLayerMismatch(let path, let unknown, let missing):
      var parts: [String] = []
      if !unknown.isEmpty {
        parts.append(
          "names layers the model lacks: " + unknown.joined(separator: ", "))
      }
      if !missing.isEmpty {
        parts.append(
          "misses layers the model has: " + missing.joined(separator: ", "))
      }
      return "\(path): plan " + parts.joined(separator: "; ")
        + " (use --plan-partial to accept)"
    case .planDimensionMismatch(let path, let layer, let factor, let p, let m):
      return "\(path): layer '\(layer)' factor \(factor) has dimension \(p) "
        + "in the plan but \(m) in the model"
    case .unreadablePlan(let path, let reason):
      return "\(path): cannot read plan: \(reason)"
    case .nonFiniteFactor(let name):
      return "Kronecker factor \(name) holds NaN or infinite values "
        + "(training diverged; lower the learning rate or raise the damping)"
    case .notInvertible(let name, let reason):
      return "Kronecker factor \(name) cannot be inverted even with "
        + "jitter: \(reason)"
    case .dumpFailed(let path, let reason):
      return "\(path): cannot write factor dump: \(reason)"
    }
  }
}
