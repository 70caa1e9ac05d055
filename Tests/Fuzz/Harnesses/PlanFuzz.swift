import Foundation
import ThorLinalg
import ThorTraining

/// libFuzzer entry point for the plan loader the trainer uses
/// (`thor-tune train --plan`): arbitrary bytes are written to a file, read
/// with `FactorSplits.Source.loadPlan(at:partial:)` and resolved with
/// `FactorSplits.resolve(_:layers:)` against the layers of the `cnn` and
/// `mlp` presets, strictly and with `--plan-partial`; each resolved split
/// then becomes the `BlockPartition` THOR inverts with.
///
/// Malformed or mismatched plans must throw. A resolved plan must keep the
/// loader's promises, checked here independently (a broken one traps):
/// every model layer has splits of at least 1, and a strict resolution
/// names exactly the model's layers.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(bytes: data, count: size)
  guard (try? bytes.write(to: PlanFuzzState.file)) != nil else {
    fatalError("cannot write \(PlanFuzzState.file.path)")
  }
  for partial in [false, true] {
    guard
      let source = try? FactorSplits.Source.loadPlan(
        at: PlanFuzzState.file.path, partial: partial)
    else { return 0 }
    for layers in PlanFuzzState.models {
      guard let splits = try? FactorSplits.resolve(source, layers: layers)
      else { continue }
      check(
        Set(splits.keys) == Set(layers.map(\.name)), "resolved layer names")
      for layer in layers {
        guard let s = splits[layer.name], s.a >= 1, s.g >= 1 else {
          check(false, "\(layer.name): no valid splits")
          continue
        }
        let a = BlockPartition(dimension: layer.inputDimension, split: s.a)
        let g = BlockPartition(dimension: layer.outputDimension, split: s.g)
        check(
          a.ranges.last?.upperBound == layer.inputDimension
            && g.ranges.last?.upperBound == layer.outputDimension,
          "\(layer.name): partition does not cover the factor")
      }
    }
  }
  return 0
}

/// What every run shares: the input file and the models' layer shapes.
enum PlanFuzzState {
  /// A file private to this process, rewritten with each input; in
  /// memory (`/dev/shm`) where there is one, as disk writes would dominate.
  static let file: URL = {
    let shm = URL(fileURLWithPath: "/dev/shm")
    let folder =
      access(shm.path, W_OK) == 0
      ? shm : FileManager.default.temporaryDirectory
    atexit { unlink(PlanFuzzState.file.path) }
    return folder.appendingPathComponent(
      "thor-tune-plan-fuzz-\(getpid()).json")
  }()

  /// The trainable layers of the `cnn` and `mlp` presets on 28×28×1
  /// images, as the trainer hands them to the split resolution.
  static let models: [[FactorSplits.LayerShape]] = ["cnn", "mlp"].map {
    let network = try! ModelSpec(parsing: $0).makeNetwork(
      input: FeatureShape(height: 28, width: 28, channels: 1), classes: 10,
      seed: 0)
    return network.trainableLayers.map {
      FactorSplits.LayerShape(
        name: $0.name, inputDimension: $0.inputDimension,
        outputDimension: $0.outputDimension)
    }
  }
}
