/// The naming rules of a factor dump (README, "File formats and
/// definitions"): a safetensors file whose tensors `<layer>.A` and
/// `<layer>.G` are a layer's Kronecker factors, with string metadata.
package enum FactorDumpFormat {
  /// The `format` metadata value of a factor dump.
  package static let formatName = "thor-tune/factors"

  /// The metadata keys the trainer writes and the planner reads.
  package enum MetadataKey {
    package static let format = "format"
    package static let model = "model"
    package static let dataset = "dataset"
    /// The 0-based step after whose statistics the dump was taken.
    package static let step = "step"
    /// The 1-based epoch of a dump taken at an epoch's end.
    package static let epoch = "epoch"
    /// The damping `λ` in force when the dump was taken.
    package static let damping = "damping"
    /// How `λ` is split between the factors (`damping_form`).
    package static let dampingForm = "damping_form"
  }

  /// The tensor name of `layer`'s factor of `kind`.
  package static func tensorName(layer: String, kind: FactorKind) -> String {
    layer + "." + kind.rawValue
  }
}
