import Foundation
import ThorFormats
import ThorProfiler
import ThorReports

/// `index.md` of a demo folder: what each file is, the summary, and what
/// produced it all (tool, command, settings, machine and its load).
struct DemoIndex {
  let settings: DemoSettings
  let summary: DemoSummary
  let machine: HardwareProfile.Machine
  /// The demo's command line.
  let command: String
  /// Each stage's equivalent command line.
  let commands: [String]
  /// Load averages when the demo started and ended.
  let load: (before: String, after: String)
  let factorsBytes: Int
  let factorsSHA256: String

  /// The page.
  var markdown: String {
    """
    # thor-tune demo

    The whole loop on this machine: a hardware profile, real Kronecker \
    factors of `\(DemoSettings.model)`, the per-layer split plan, and \
    SGD against THOR with that plan on Fashion-MNIST.

    ## Files

    \(files)
    ## Summary

    ```text
    \(summary.text)```

    ## Provenance

    \(provenance)
    """
  }

  /// One line per file, in stage order.
  private var files: String {
    let s = settings
    let dims = s.profileDims
    let images = s.trainSubset.map { "the first \($0)" } ?? "all 60000"
    let lines: [(String, String)] = [
      (
        link(.profile),
        "stage 1: float32 Cholesky inversion and per-step product times "
          + "of this machine at dimensions \(dims.first!)-\(dims.last!) (`thor-tune profile`)."
      ),
      (
        "`\(DemoFile.factors.rawValue)`",
        "stage 2: the A and G factors of every layer after one K-FAC "
          + "epoch (safetensors, \(megabytes(factorsBytes)), SHA-256 "
          + "`\(factorsSHA256)`; kept out of git, rerun the demo to "
          + "recreate it)."
      ),
      (link(.capture), "stage 2: the epoch log of that K-FAC run."),
      (
        link(.plan),
        "stage 3: the split plan (`thor-tune plan`): Eq. 11 loss of every "
          + "factor at every candidate, the global and per-layer splits, "
          + "the modelled training seconds per epoch."
      ),
      (
        link(.planReport, "report.md"),
        "stage 3: the plan's report: Table 1, Fig. 5 (normalized curves), "
          + "the loss heat map and the inversion times, as SVG."
      ),
      (
        link(.sgd),
        "stage 4: SGD with momentum, \(s.epochs) epochs on \(images) "
          + "training images (one JSON line per epoch)."
      ),
      (
        link(.thor),
        "stage 5: THOR with the plan's splits, same seed, initialization "
          + "and data order."
      ),
      (
        link(.trainingReport, "report.md"),
        "stage 6: Table 2 (best accuracy, time per epoch, time to "
          + "accuracy) and Fig. 7 (loss and accuracy against epoch and "
          + "time, SVG)."
      ),
    ]
    return lines.map { "- \($0): \($1)\n" }.joined()
  }

  private var provenance: String {
    let s = settings
    let lines = [
      "Tool: thor-tune \(ThorTune.version); created "
        + ISO8601DateFormatter().string(from: Date()) + ".",
      "Command: `\(command)`.",
      "Settings: seed \(s.seed), \(s.epochs) epochs, training images "
        + (s.trainSubset.map(String.init) ?? "all") + ", test images "
        + (s.testSubset.map(String.init) ?? "all")
        + ", capture on \(s.captureImages) images, thresholds "
        + s.thresholds.map { "\($0)" }.joined(separator: ",")
        + ", data `\(s.data)`.",
      "Machine: \(machine.cpu), \(machine.cores) cores, "
        + "\(s.threads) OpenBLAS thread(s), \(machine.os); BLAS "
        + "\(machine.blas).",
      "Load average (1, 5, 15 min): \(load.before) at the start, "
        + "\(load.after) at the end (above \(machine.cores), other work "
        + "shared the cores and slowed the timings).",
    ]
    return lines.map { "- \($0)\n" }.joined()
      + "\nEach stage is the code of this command (the demo loads the data "
      + "once for all training runs):\n\n```sh\n"
      + commands.joined(separator: "\n") + "\n```\n"
  }

  private func link(_ file: DemoFile, _ inside: String? = nil) -> String {
    let target = [file.rawValue, inside].compactMap { $0 }
      .joined(separator: "/")
    return "[\(target)](\(target))"
  }

  private func megabytes(_ bytes: Int) -> String {
    String(format: "%.1f MB", Double(bytes) / 1e6)
  }
}
