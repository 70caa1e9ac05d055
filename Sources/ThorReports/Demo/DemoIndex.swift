import Foundation
import ThorFormats

/// `index.md` of a demo folder: what each file is, the summary, and what
/// produced it all (tool, command, settings, machine and its load).
package struct DemoIndex {
  /// What the demo ran: its model, sizes, seed and threads.
  package struct Settings {
    package var model: String
    package var seed: UInt64
    package var epochs: Int
    /// Training images used; `nil` for all.
    package var trainSubset: Int?
    /// Test images used; `nil` for all.
    package var testSubset: Int?
    package var captureImages: Int
    package var thresholds: [Double]
    package var data: String
    package var threads: Int
    package var profileDims: [Int]

    package init(
      model: String, seed: UInt64, epochs: Int, trainSubset: Int?,
      testSubset: Int?, captureImages: Int, thresholds: [Double],
      data: String, threads: Int, profileDims: [Int]
    ) {
      self.model = model
      self.seed = seed
      self.epochs = epochs
      self.trainSubset = trainSubset
      self.testSubset = testSubset
      self.captureImages = captureImages
      self.thresholds = thresholds
      self.data = data
      self.threads = threads
      self.profileDims = profileDims
    }
  }

  /// The names of the demo folder's files and folders.
  package struct Files {
    package var profile: String
    package var factors: String
    package var capture: String
    package var plan: String
    package var planReport: String
    package var sgd: String
    package var thor: String
    package var trainingReport: String

    package init(
      profile: String, factors: String, capture: String, plan: String,
      planReport: String, sgd: String, thor: String, trainingReport: String
    ) {
      self.profile = profile
      self.factors = factors
      self.capture = capture
      self.plan = plan
      self.planReport = planReport
      self.sgd = sgd
      self.thor = thor
      self.trainingReport = trainingReport
    }
  }

  package var settings: Settings
  package var files: Files
  package var summary: DemoSummary
  package var machine: HardwareProfile.Machine
  /// The thor-tune version.
  package var tool: String
  package var created: Date
  /// The demo's command line.
  package var command: String
  /// Each stage's equivalent command line.
  package var commands: [String]
  /// Load averages when the demo started and ended.
  package var loadBefore: String
  package var loadAfter: String
  package var factorsBytes: Int
  package var factorsSHA256: String

  package init(
    settings: Settings, files: Files, summary: DemoSummary,
    machine: HardwareProfile.Machine, tool: String, created: Date,
    command: String, commands: [String], loadBefore: String,
    loadAfter: String, factorsBytes: Int, factorsSHA256: String
  ) {
    self.settings = settings
    self.files = files
    self.summary = summary
    self.machine = machine
    self.tool = tool
    self.created = created
    self.command = command
    self.commands = commands
    self.loadBefore = loadBefore
    self.loadAfter = loadAfter
    self.factorsBytes = factorsBytes
    self.factorsSHA256 = factorsSHA256
  }
  /// The page.
  package var markdown: String {
    """
    # thor-tune demo

    The whole loop on this machine: a hardware profile, real Kronecker \
    factors of `\(settings.model)`, the per-layer split plan, and \
    SGD against THOR with that plan on Fashion-MNIST.

    ## Files

    \(fileList)
    ## Summary

    ```text
    \(summary.text)```

    ## Provenance

    \(provenance)
    """
  }

  /// One line per file, in stage order.
  private var fileList: String {
    let s = settings
    let dims = s.profileDims
    let images = s.trainSubset.map { "the first \($0)" } ?? "all 60000"
    let lines: [(String, String)] = [
      (
        link(files.profile),
        "stage 1: float32 Cholesky inversion and per-step product times "
          + "of this machine at dimensions \(dims.first!)-\(dims.last!) "
          + "(`thor-tune profile`)."
      ),
      (
        "`\(files.factors)`",
        "stage 2: the A and G factors of every layer after one K-FAC "
          + "epoch (safetensors, \(megabytes(factorsBytes)), SHA-256 "
          + "`\(factorsSHA256)`; kept out of git, rerun the demo to "
          + "recreate it)."
      ),
      (link(files.capture), "stage 2: the epoch log of that K-FAC run."),
      (
        link(files.plan),
        "stage 3: the split plan (`thor-tune plan`): Eq. 11 loss of every "
          + "factor at every candidate, the global and per-layer splits, "
          + "the modelled training seconds per epoch."
      ),
      (
        link(files.planReport, "report.md"),
        "stage 3: the plan's report: Table 1, Fig. 5 (normalized curves), "
          + "the loss heat map and the inversion times, as SVG."
      ),
      (
        link(files.sgd),
        "stage 4: SGD with momentum, \(s.epochs) epochs on \(images) "
          + "training images (one JSON line per epoch)."
      ),
      (
        link(files.thor),
        "stage 5: THOR with the plan's splits, same seed, initialization "
          + "and data order."
      ),
      (
        link(files.trainingReport, "report.md"),
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
      "Tool: thor-tune \(tool); created "
        + ISO8601DateFormatter().string(from: created) + ".",
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
      "Load average (1, 5, 15 min): \(loadBefore) at the start, "
        + "\(loadAfter) at the end (above \(machine.cores), other work "
        + "shared the cores and slowed the timings).",
    ]
    return lines.map { "- \($0)\n" }.joined()
      + "\nEach stage is the code of this command (the demo loads the data "
      + "once for all training runs):\n\n```sh\n"
      + commands.joined(separator: "\n") + "\n```\n"
  }

  private func link(_ file: String, _ inside: String? = nil) -> String {
    let target = [file, inside].compactMap { $0 }
      .joined(separator: "/")
    return "[\(target)](\(target))"
  }

  private func megabytes(_ bytes: Int) -> String {
    NumberText.fixed(Double(bytes) / 1e6, decimals: 1) + " MB"
  }
}
