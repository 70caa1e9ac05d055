import Testing
import ThorLinalg

@testable import ThorTraining

/// How ``BatchParallel`` cuts a batch, and its concurrent execution.
@Suite("Batch splitting over workers")
struct BatchParallelTests {
  @Test func slicesCoverTheItemsInOrder() {
    for workers in 1...5 {
      for count in workers...23 {
        let slices = (0..<workers).map {
          BatchParallel.slice($0, of: count, workers: workers)
        }
        #expect(slices.first?.lowerBound == 0)
        #expect(slices.last?.upperBound == count)
        for (a, b) in zip(slices, slices.dropFirst()) {
          #expect(a.upperBound == b.lowerBound)
          #expect(a.count - b.count == 0 || a.count - b.count == 1)
        }
      }
    }
  }

  @Test(arguments: [(10, 3, 2), (1, 2, 3), (6, 6, 2), (7, 10, 3), (9, 2, 3)])
  func chunksCoverTheItemsWhateverTheWorkers(
    count: Int, size: Int, workers: Int
  ) {
    let threads = OpenBLAS.threads
    defer { OpenBLAS.setThreads(threads) }
    let chunks = BatchParallel.chunkCount(count, size: size)
    var seen = [Range<Int>](repeating: 0..<0, count: chunks)
    seen.withUnsafeMutableBufferPointer { seen in
      BatchParallel.splitChunks(count, size: size, workers: workers) {
        _, index, items in seen[index] = items
      }
    }
    #expect(seen.flatMap { Array($0) } == Array(0..<count))
    #expect(seen.dropLast().allSatisfy { $0.count == size })
  }

  @Test func workersRunEverySliceOnceWithSingleThreadedBLAS() {
    let threads = OpenBLAS.threads
    defer { OpenBLAS.setThreads(threads) }
    OpenBLAS.setThreads(3)
    var seen = [Int](repeating: 0, count: 100)
    var blasThreads = [Int](repeating: 0, count: 3)
    seen.withUnsafeMutableBufferPointer { seen in
      blasThreads.withUnsafeMutableBufferPointer { blas in
        BatchParallel.split(100, workers: 3) { w, items in
          blas[w] = OpenBLAS.threads
          for i in items { seen[i] += 1 + w }
        }
      }
    }
    let owner = (0..<100).map { i in
      (0..<3).first { BatchParallel.slice($0, of: 100, workers: 3) ~= i }!
    }
    #expect(seen == owner.map { $0 + 1 })
    #expect(blasThreads == [1, 1, 1])
  }

  /// Every item once, whatever the thread count (the workers take the
  /// items as they come).
  @Test(arguments: [(0, 2), (1, 3), (5, 1), (7, 2), (40, 3)])
  func forEachVisitsEveryItemOnce(count: Int, threads: Int) {
    let saved = OpenBLAS.threads
    defer { OpenBLAS.setThreads(saved) }
    OpenBLAS.setThreads(threads)
    var visits = [Int](repeating: 0, count: count)
    visits.withUnsafeMutableBufferPointer { visits in
      BatchParallel.forEach(count) { i in visits[i] += 1 }
    }
    #expect(visits == [Int](repeating: 1, count: count))
  }

  /// Work of one worker's size runs inline with OpenBLAS single-threaded
  /// (a multi-threaded call would wake OpenBLAS's spinning threads), and
  /// the thread count comes back afterwards.
  @Test func smallWorkRunsInlineOnOneBLASThread() {
    let threads = OpenBLAS.threads
    defer { OpenBLAS.setThreads(threads) }
    OpenBLAS.setThreads(2)
    var seen: [(worker: Int, items: Range<Int>, blas: Int)] = []
    BatchParallel.split(10, grain: 6) { w, items in
      seen.append((w, items, OpenBLAS.threads))
    }
    #expect(seen.count == 1)
    #expect(seen.first?.worker == 0 && seen.first?.items == 0..<10)
    #expect(seen.first?.blas == 1)
    #expect(OpenBLAS.threads == 2)
    let inside = BatchParallel.serially { OpenBLAS.threads }
    #expect(inside == 1 && OpenBLAS.threads == 2)
  }

  @Test func workersNeverExceedTheItemsOrThreads() {
    let threads = OpenBLAS.threads
    defer { OpenBLAS.setThreads(threads) }
    OpenBLAS.setThreads(2)
    #expect(BatchParallel.workers(for: 1) == 1)
    #expect(BatchParallel.workers(for: 0) == 1)
    #expect(BatchParallel.workers(for: 100, grain: 60) == 1)
    #expect(BatchParallel.workers(for: 7) <= 2)
  }
}
