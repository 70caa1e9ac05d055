/// Which parameters L2 weight decay applies to. By default only the
/// weights `W` of `[W | b]`, not the biases (MindSpore's THOR, and
/// common PyTorch practice); `train --decay-biases` decays both.
package enum WeightDecayScope: String, Sendable, CaseIterable {
  case weightsOnly = "weights"
  case weightsAndBiases = "all"

  /// How many of a `rows × columns` parameter matrix `[W | b]`'s
  /// elements (column-major, the bias column last) decay: a prefix.
  package func decayedCount(rows: Int, columns: Int) -> Int {
    self == .weightsOnly ? rows * (columns - 1) : rows * columns
  }
}
