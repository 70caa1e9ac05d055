/// The optimizers `thor-tune train --optimizer` offers.
public enum OptimizerKind: String, CaseIterable, Sendable {
  case sgd
  case kfac
  case thor
  case thorStop = "thor-stop"
  case thorNT = "thor-nt"
}
