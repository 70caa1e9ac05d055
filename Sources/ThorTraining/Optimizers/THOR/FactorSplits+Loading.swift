import ThorFormats

extension FactorSplits.Source {
  /// Reads a plan file (``Plan/load(from:)``).
  /// - Throws: ``SecondOrderError/unreadablePlan(path:reason:)`` or
  ///   ``SecondOrderError/unknownPlanFormat(path:format:version:)``.
  package static func loadPlan(at path: String, partial: Bool)
    throws(SecondOrderError) -> Self
  {
    do {
      return .plan(try Plan.load(from: path), path: path, partial: partial)
    } catch {
      throw SecondOrderError(error)
    }
  }
}

extension SecondOrderError {
  /// The trainer's error for a plan that cannot be used.
  init(_ error: Plan.LoadError) {
    switch error {
    case .unreadable(let path, let reason):
      self = .unreadablePlan(path: path, reason: reason)
    case .unknownFormat(let path, let format, let version):
      self = .unknownPlanFormat(path: path, format: format, version: version)
    }
  }
}
