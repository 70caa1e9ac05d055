import CZlib
import Foundation

/// Writes small IDX files (gzip'd through zlib, or plain) for reader tests.
struct IDXFixtures {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "thor-idx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true)
  }

  func remove() { try? FileManager.default.removeItem(at: folder) }

  /// An IDX header: magic then big-endian sizes.
  static func header(_ magic: UInt32, _ sizes: [UInt32]) -> [UInt8] {
    ([magic] + sizes).flatMap { v in
      [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: v >> UInt32($0)) }
    }
  }

  /// Writes `bytes` to `name`, gzip-compressed when `gzip`; returns the path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8], gzip: Bool = true) -> String {
    let path = folder.appendingPathComponent(name).path
    if gzip {
      let file = gzopen(path, "wb")!
      _ = bytes.withUnsafeBytes {
        gzwrite(file, $0.baseAddress, UInt32($0.count))
      }
      gzclose(file)
    } else {
      let created = FileManager.default.createFile(
        atPath: path, contents: Data(bytes))
      precondition(created, "cannot create the fixture \(path)")
    }
    return path
  }
}
