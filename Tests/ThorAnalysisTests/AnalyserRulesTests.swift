import Testing

@testable import ThorAnalysis

@Suite("Analyser rules") struct AnalyserRulesTests {
  @Test func blasThreadsAreOnePerWorkerUnlessOneWorker() {
    let analyser = Analyser(candidates: [4], threads: 4)
    #expect(analyser.defaultBLASThreads(entries: 10) == 1)
    #expect(analyser.defaultBLASThreads(entries: 2) == 1)
    #expect(analyser.defaultBLASThreads(entries: 1) == 4)
    let single = Analyser(candidates: [4], threads: 1)
    #expect(single.defaultBLASThreads(entries: 10) == 1)
  }

  @Test func costGrowsCubicallyWithTheUpdateChange() {
    var analyser = Analyser(candidates: [4], threads: 2)
    #expect(analyser.costExponent == 2)
    analyser.updateChange = UpdateChange(damping: 0.1)
    #expect(analyser.costExponent == 3)
  }
}
