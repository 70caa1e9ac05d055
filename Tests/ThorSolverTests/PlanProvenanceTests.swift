import Testing
import ThorFormats

@testable import ThorSolver

@Suite("Plan provenance") struct PlanProvenanceTests {
  @Test func settingsAndRunOptionsAreRecorded() {
    let settings = PlanShard.Settings(
      candidates: [16, 64], tolerance: 0.01, strategy: .eq11,
      updateBudget: 0.25, stepsPerEpoch: 469, epochs: 10,
      invInterval: "0:10,2:50", damping: nil)
    let provenance = Plan.Provenance(
      factors: "f.safetensors", factorsSHA256: "ab", profile: "p.json",
      settings: settings, runOptions: ["threads": "2", "shards": "3"],
      tool: "1.0", peakResidentBytes: 5)
    #expect(
      provenance.options == [
        "candidates": "16,64", "tolerance": "0.01", "strategy": "eq11",
        "update_budget": "0.25", "steps_per_epoch": "469", "epochs": "10",
        "inv_interval": "0:10,2:50", "threads": "2", "shards": "3",
      ])
    #expect(provenance.factors == "f.safetensors")
    #expect(provenance.profile == "p.json")
    #expect(provenance.peakResidentBytes == 5)
    #expect(!provenance.created.isEmpty)
  }
}
