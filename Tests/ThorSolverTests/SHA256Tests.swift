import Foundation
import Testing

@testable import ThorSolver

@Suite("SHA-256") struct SHA256Tests {
  /// FIPS 180-4 examples and the empty message.
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    (
      "abc",
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    ),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
  ])
  func knownDigests(message: String, digest: String) {
    var hasher = SHA256()
    hasher.update(Data(message.utf8))
    #expect(hasher.hexDigest() == digest)
  }

  /// A file of odd size fed in odd pieces matches `sha256sum`.
  @Test func fileMatchesSha256sum() throws {
    var bytes = [UInt8]()
    var x: UInt32 = 7
    for _ in 0..<(5 << 20) + 77 {
      x = x &* 1_664_525 &+ 1_013_904_223
      bytes.append(UInt8(truncatingIfNeeded: x >> 24))
    }
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("sha256-\(UUID().uuidString).bin")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sha256sum", url.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let expected = String(decoding: output, as: UTF8.self).prefix(64)
    #expect(try SHA256.hexDigest(ofFileAt: url) == String(expected))
    var pieces = SHA256()
    var offset = 0
    var size = 1
    while offset < bytes.count {
      let end = min(bytes.count, offset + size)
      bytes[offset..<end].withUnsafeBytes { pieces.update($0) }
      offset = end
      size = size * 3 + 1
    }
    #expect(pieces.hexDigest() == String(expected))
  }
}
