/// Why training could not start or stopped.
package enum TrainingError: Error, Equatable, Sendable {
  /// `--model` is neither `mlp`, `cnn` nor `mlp:W0,…,Wn`.
  case badModel(String)
  /// A custom MLP's input or output width disagrees with the data.
  case modelDoesNotFitData(model: String, features: Int, classes: Int)
  /// A schedule string could not be parsed.
  case badSchedule(String, reason: String)
  /// The loss became NaN or infinite.
  case nonFiniteLoss(epoch: Int, step: Int, value: Double)
}

extension TrainingError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .badModel(let m):
      "unknown model '\(m)': expected 'mlp', 'cnn' or 'mlp:784,…,10' "
        + "(positive layer widths, input first, classes last)"
    case .modelDoesNotFitData(let m, let f, let c):
      "model '\(m)' does not fit the data: it must start with \(f) "
        + "(features per image) and end with \(c) (classes)"
    case .badSchedule(let s, let reason):
      "bad schedule '\(s)': \(reason)"
    case .nonFiniteLoss(let e, let s, let v):
      "training stopped: the loss became \(v) in epoch \(e) at step \(s); "
        + "the log keeps the last complete epoch (try a lower --lr or "
        + "more damping)"
    }
  }
}
