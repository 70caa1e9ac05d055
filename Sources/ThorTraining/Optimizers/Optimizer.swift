/// Updates the parameters of a network's layers after each backward pass.
package protocol Optimizer: AnyObject {
  /// Name as logs write it (sgd, kfac, thor, thor-stop, thor-nt).
  var name: String { get }
  /// Called before each forward pass (so second-order optimizers can turn
  /// on factor recording when an update is due).
  func prepare(step: Int, epoch: Int, layers: [any KroneckerFactoredLayer])
  /// Applies one update after a backward pass. `step` counts from 0 over the
  /// whole run; `epoch` from 0.
  func update(
    layers: [any KroneckerFactoredLayer], step: Int, epoch: Int,
    learningRate: Float) throws
  /// Damping in effect (0 for first-order optimizers).
  var currentDamping: Double { get }
  /// Time and trace-rule statistics since the last call; resets them.
  func takeEpochStatistics() -> OptimizerStatistics
}
