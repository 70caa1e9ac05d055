/// The naming rules of a factor dump (README, "File formats and
/// definitions"): a safetensors file whose tensors `<layer>.A` and
/// `<layer>.G` are a layer's Kronecker factors, with string metadata.
public enum FactorDumpFormat {
  /// The `format` metadata value of a factor dump.
  public static let formatName = "thor-tune/factors"

  /// The metadata keys the trainer writes and the planner reads.
  public enum MetadataKey {
    public static let format = "format"
    public static let model = "model"
    public static let dataset = "dataset"
    /// The 0-based step after whose statistics the dump was taken.
    public static let step = "step"
    /// The 1-based epoch of a dump taken at an epoch's end.
    public static let epoch = "epoch"
    /// The damping `λ` in force when the dump was taken.
    public static let damping = "damping"
    /// How `λ` is split between the factors (`damping_form`).
    public static let dampingForm = "damping_form"
  }

  /// The tensor name of `layer`'s factor of `kind`.
  public static func tensorName(layer: String, kind: FactorKind) -> String {
    layer + "." + kind.rawValue
  }
}
