/// The optimizers `thor-tune train --optimizer` offers: SGD or one of the
/// second-order variants (``SecondOrderVariant`` lists those).
package enum OptimizerKind: Hashable, Sendable, CaseIterable,
  RawRepresentable
{
  case sgd
  case secondOrder(SecondOrderVariant)

  package static var allCases: [OptimizerKind] {
    [.sgd] + SecondOrderVariant.allCases.map(Self.secondOrder)
  }

  /// The name `--optimizer` takes and logs write.
  package var rawValue: String {
    switch self {
    case .sgd: "sgd"
    case .secondOrder(let variant): variant.rawValue
    }
  }

  package init?(rawValue: String) {
    if rawValue == "sgd" {
      self = .sgd
    } else if let variant = SecondOrderVariant(rawValue: rawValue) {
      self = .secondOrder(variant)
    } else {
      return nil
    }
  }

  /// The momentum every optimizer starts from (SGD's, and the K-FAC
  /// family's on the preconditioned step).
  package static let defaultMomentum = 0.9

  /// K-FAC, for the options that only THOR's trace rule uses.
  package static let kfac = OptimizerKind.secondOrder(.kfac)
}
