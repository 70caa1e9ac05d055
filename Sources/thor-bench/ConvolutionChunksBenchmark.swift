import Foundation
import ThorLinalg
import ThorProfiler
import ThorReports
import ThorTraining
import ThorTuneCLI

/// `thor-bench conv-chunks`: one training step's forward and backward pass
/// of a `cnn` convolution at several chunk sizes, in one run.
struct ConvolutionChunksBenchmark: Command {
  static let name = "conv-chunks"
  static let abstract =
    "Time a cnn convolution's forward + backward at several chunk sizes."
  static let discussion = """
    Builds the layer of the cnn preset named by --layer (conv1: 28x28x1 \
    to 32 channels; conv2: 14x14x32 to 64; 5x5 kernels, padding 2) with \
    seeded weights, and times forward + backward (with the input gradient, \
    as the trainer runs conv2) on a seeded batch, once per chunk size in \
    --chunks (samples whose patches a worker gathers and multiplies at a \
    time), alternating the order repeat by repeat. Reports the median \
    milliseconds per batch, each size's ratio to the fastest, and the \
    chunk's patch bytes; 'default' marks the size the trainer picks.
    """

  static var options: [OptionSpec] {
    [
      .value(
        "layer", valueName: "name", help: "conv1 or conv2.", default: "conv2"),
      .list(
        "chunks", of: Int.self, valueName: "n,...",
        help: "Samples per chunk.", default: [1, 2, 4, 8, 16]),
      .value(
        "batch", as: Int.self, valueName: "n", help: "Samples per batch.",
        default: 128),
      .value(
        "repeats", as: Int.self, valueName: "count",
        help: "Timed passes per chunk size.", default: 15),
      .value(
        "threads", as: Int.self, valueName: "count",
        help: "Workers (OpenBLAS threads).", default: 2),
    ]
  }

  let layer: String
  let chunks: [Int]
  let batch: Int
  let repeats: Int
  let threads: Int

  init(_ arguments: ParsedArguments) throws(CommandLineError) {
    layer = try arguments.value("layer")
    if layer != "conv1" && layer != "conv2" {
      throw arguments.invalid("layer", layer, "must be conv1 or conv2")
    }
    chunks = try arguments.values(
      "chunks", as: Int.self, where: { $0 > 0 }, "must be positive")
    batch = try arguments.value("batch", as: Int.self)
    repeats = try arguments.value("repeats", as: Int.self)
    threads = try arguments.value("threads", as: Int.self)
    for (name, value) in [
      ("batch", batch), ("repeats", repeats), ("threads", threads),
    ] where value < 1 {
      throw arguments.invalid(name, "\(value)", "must be positive")
    }
  }

  func run() throws {
    OpenBLAS.setThreads(threads)
    let conv = try makeLayer()
    let defaultSamples = conv.chunkSamples
    var generator = SplitMix64(seed: 7)
    conv.parameters = Matrix<Float>.random(
      rows: conv.parameters.rows, columns: conv.parameters.columns,
      using: &generator)
    let x = Matrix<Float>.random(
      rows: conv.inputShape.count, columns: batch, using: &generator)
    let g = Matrix<Float>.random(
      rows: conv.outputShape.count, columns: batch, using: &generator)
    var times = [Int: [Double]]()
    for r in 0...repeats {  // the first pass warms up, untimed
      for samples in r % 2 == 0 ? chunks : chunks.reversed() {
        conv.chunkColumns = samples * conv.positions
        let seconds = step(conv, x, g)
        if r > 0 { times[samples, default: []].append(seconds) }
      }
    }
    let medians = times.mapValues { TimingSummary(samples: $0).median }
    let fastest = medians.values.min() ?? 1
    var table = TextTable(
      headers: ["samples", "patch KiB", "ms / batch", "vs fastest", "note"],
      alignments: [.right, .right, .right, .right, .left])
    for samples in chunks {
      let bytes = samples * conv.positions * conv.inputDimension * 4
      table.append([
        "\(samples)", "\(bytes / 1024)",
        String(format: "%.2f", medians[samples]! * 1e3),
        String(format: "%.3f", medians[samples]! / fastest),
        samples == defaultSamples ? "default" : "",
      ])
    }
    StandardOutput.write(
      "# thor-bench conv-chunks, \(Date()); layer \(layer), batch "
        + "\(batch), \(threads) worker(s), OpenBLAS \(OpenBLAS.coreName), "
        + "repeats \(repeats)\n" + table.render())
  }

  /// The cnn preset's layer named by --layer, as the trainer builds it
  /// for Fashion-MNIST (28x28x1, 10 classes).
  private func makeLayer() throws -> Convolution {
    let network = try ModelSpec.cnn.makeNetwork(
      input: FeatureShape(height: 28, width: 28, channels: 1), classes: 10,
      seed: 7)
    let convolutions = network.layers.compactMap { $0 as? Convolution }
    return convolutions.first { $0.name == layer }!
  }

  private func step(_ conv: Convolution, _ x: Matrix<Float>, _ g: Matrix<Float>)
    -> Double
  {
    x.withUnsafeElements { x in
      g.withUnsafeElements { g in
        Timing.seconds {
          _ = conv.forward(x.baseAddress!, count: batch)
          _ = conv.backward(
            g.baseAddress!, count: batch, needsInputGradient: true)
        }
      }
    }
  }
}
