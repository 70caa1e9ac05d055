import Foundation
import Testing

/// `thor-tune train`'s K-FAC/THOR options: usage errors (exit 64) are
/// reported before any data is read.
@Suite("train: second-order options (binary)")
struct TrainSecondOrderOptionsTests {
  @Test(arguments: [
    (["--optimizer", "sgd", "--split", "64"], "--split needs kfac"),
    (["--optimizer", "kfac", "--omega", "0.01,0"], "kfac has no trace rule"),
    (["--optimizer", "thor", "--omega", "0.001,0.01"], "w2 <= w1"),
    (
      ["--optimizer", "thor", "--split", "8", "--plan", "p.json"],
      "either --split or --plan"
    ),
    (["--optimizer", "thor", "--inv-interval", "1:10"], "epoch 0"),
    (["--optimizer", "thor", "--damping-schedule", "exp:-1"], "positive"),
    (["--optimizer", "thor", "--dump-at", "5"], "needs --dump-factors"),
    (["--optimizer", "thor", "--plan-partial"], "needs --plan"),
    (["--optimizer", "thor", "--nesterov"], "applies to sgd only"),
    (["--optimizer", "kfac", "--nesterov"], "applies to sgd only"),
  ])
  func usageErrors(arguments: [String], message: String) throws {
    let r = try CommandLineBinary.run(
      ["train", "--data", "/nonexistent"] + arguments)
    #expect(r.status == 64)
    #expect(r.stderr.contains(message), "\(r.stderr)")
  }

  @Test func helpListsTheOptions() throws {
    let r = try CommandLineBinary.run(["train", "--help"])
    #expect(r.status == 0)
    for option in [
      "--inv-interval", "--omega", "--plan-partial",
      "--dump-factors", "--damping-form",
    ] {
      #expect(r.stdout.contains(option))
    }
  }
}
