import Foundation
import ThorFormats
import ThorProfiler

/// The paper's Table 1 (ResNet-50 on Ascend 910).
enum PaperTable1 {
  static let dims = [1, 16, 32, 64, 128, 256, 512, 1024, 2048]
  static let microseconds: [Double] = [
    35, 59, 83, 121, 212, 534, 1418, 3738, 9824,
  ]
  /// Matrix number (L < 1%) of the 54 `A` factors per split dimension.
  static let withinTolerance = [4, 4, 5, 9, 13, 23, 32, 46, 48]
  static let factorCount = 54

  /// `profiles/ascend910-paper.json` when the repository has it, else the
  /// same numbers built here.
  static func profile() throws -> HardwareProfile {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
      .appendingPathComponent("profiles/ascend910-paper.json")
    if FileManager.default.fileExists(atPath: url.path) {
      return try HardwareProfile.load(from: url)
    }
    return HardwareProfile(
      machine: .init(
        cpu: "Ascend 910", cores: 1, blas: "paper", threads: 1, os: "-"),
      method: .cholesky, dtype: .float32, options: [:],
      created: "2021-02-02T00:00:00Z",
      results: zip(dims, microseconds).map {
        .init(
          dim: $0, medianMicroseconds: $1, minMicroseconds: $1,
          p90Microseconds: $1, repeats: 1, gflops: 0)
      })
  }
}
