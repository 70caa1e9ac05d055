import Foundation
import ThorLinalg
import ThorSafetensors
import ThorTraining

/// `thor-tune precondition`: the trainer's preconditioned direction for
/// given factors and gradients, for checking another implementation of a
/// plan (`Sources/Python/thor_tune_torch/preconditioner.py`).
struct PreconditionCommand: Command {
  static let name = "precondition"
  static let abstract =
    "Apply the trainer's block-split damped inverses to given gradients "
    + "(a reference for other frameworks)."
  static let discussion = """
    For every tensor '<layer>.gradient' of --gradients (d_G x d_A: the \
    layer's [grad W | grad b] in the trainer's layout, a convolution's \
    columns in (kernel row, kernel column, channel) order), writes \
    '<layer>.direction' = (G + gamma_G I)^-1 gradient (A + gamma_A I)^-1, \
    with A and G from the factor dump --factors split as --plan or \
    --split say. The inverses and products are those of a K-FAC/THOR \
    training step (the same code: damping form, blocks, Cholesky with \
    jitter); momentum, weight decay and the trace rule are not applied. \
    Output: F32 safetensors, metadata 'format' thor-tune/directions, \
    'damping', 'damping_form' and the splits used.
    """

  static var options: [OptionSpec] {
    [
      .value(
        "factors", valueName: "file",
        help: "The factor dump (<layer>.A, <layer>.G).", required: true),
      .value(
        "gradients", valueName: "file",
        help: "Safetensors with one <layer>.gradient (d_G x d_A) per layer.",
        required: true),
      .value(
        "plan", valueName: "file",
        help: "Per-layer splits from a thor-tune plan (plan.json)."),
      .flag(
        "plan-partial",
        help: "Accept a plan whose layers differ from the gradients'; "
          + "unplanned layers are not split."),
      .value(
        "split", as: Int.self, valueName: "n",
        help: "Split every factor into diagonal blocks of n.",
        defaultDescription: "no split"),
      .value(
        "damping", as: Double.self, valueName: "lambda",
        help: "The damping lambda.",
        defaultDescription: "the dump's 'damping' metadata, else 0.03"),
      .value(
        "damping-form", as: DampingForm.self, valueName: "form",
        help: "sqrt, lambda or pi, as for thor-tune train.",
        defaultDescription: "the dump's 'damping_form', else sqrt"),
      .value(
        "out", short: "o", valueName: "file",
        help: "Where to write the directions.", required: true),
    ]
  }

  let factors: String
  let gradients: String
  let plan: String?
  let planPartial: Bool
  let split: Int?
  let damping: Double?
  let dampingForm: DampingForm?
  let out: String

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    factors = try arguments.value("factors")
    gradients = try arguments.value("gradients")
    plan = try arguments.optionalValue("plan")
    planPartial = arguments.flag("plan-partial")
    split = try arguments.optionalValue(
      "split", as: Int.self, where: { $0 >= 1 }, "must be at least 1")
    damping = try arguments.optionalValue(
      "damping", as: Double.self, where: { $0 > 0 && $0.isFinite },
      "must be a positive number")
    dampingForm = try arguments.optionalValue("damping-form")
    out = try arguments.value("out")
  }

  func validate() throws(CommandLineError) {
    if plan != nil, let split {
      throw Self.invalid(
        "split", String(split), "cannot be combined with --plan")
    }
  }

  func run() throws {
    let dump = try SafetensorsFile(contentsOf: URL(fileURLWithPath: factors))
    let grads = try SafetensorsFile(
      contentsOf: URL(fileURLWithPath: gradients))
    let layers = try Self.layers(dump: dump, gradients: grads)
    let lambda: Double
    let form: DampingForm
    do {
      lambda = try damping ?? dump.dumpDamping() ?? 0.03
      form = try dampingForm ?? dump.dumpDampingForm() ?? .squareRoot
    } catch let error as DumpMetadataError {
      throw PreconditionInputError.badMetadata(
        file: dump.source, key: error.key, value: error.value)
    }
    var configuration = KFACConfiguration(name: "kfac")
    configuration.damping = DampingSchedule(initial: lambda)
    configuration.dampingForm = form
    let source: FactorSplits.Source =
      if let plan {
        try .loadPlan(at: plan, partial: planPartial)
      } else if let split {
        .uniform(split)
      } else {
        .none
      }
    configuration.splits = try FactorSplits.resolve(
      source,
      layers: layers.map {
        FactorSplits.LayerShape(
          name: $0.factors.layerName,
          inputDimension: $0.gradient.columns,
          outputDimension: $0.gradient.rows)
      })
    for warning in FactorSplits.warnings(source) {
      StandardError.write("warning: \(warning)\n")
    }
    let result = try KFACOptimizer.directions(
      configuration: configuration, layers: layers)
    for note in result.notes { StandardError.write("note: \(note)\n") }
    let url = URL(fileURLWithPath: out)
    try OutputWriter.prepare(url)
    let splits = layers.map { layer in
      let name = layer.factors.layerName
      let s = configuration.splits[name] ?? .none
      func text(_ v: Int, _ d: Int) -> String { v >= d ? "none" : "\(v)" }
      return "\(name):\(text(s.a, layer.gradient.columns))/"
        + text(s.g, layer.gradient.rows)
    }
    var writer = SafetensorsWriter(metadata: [
      "format": "thor-tune/directions", "damping": String(lambda),
      "damping_form": form.rawValue,
      "splits": splits.joined(separator: ","),
      "tool": "thor-tune \(ThorTune.version)",
    ])
    for (layer, direction) in zip(layers, result.directions) {
      writer.add(
        name: layer.factors.layerName + ".direction",
        shape: [direction.rows, direction.columns],
        values: direction.transposed().storage)
    }
    try OutputWriter.write(writer.serialized(), to: url)
    StandardError.write(
      "Wrote \(url.relativePath) (\(layers.count) layers; splits A/G "
        + splits.joined(separator: ", ") + ")\n")
  }
}
