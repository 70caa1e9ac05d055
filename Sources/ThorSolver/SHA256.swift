import Foundation

/// SHA-256 (FIPS 180-4), streaming. Foundation on Linux has no CryptoKit, and
/// plans record the digest of the factor dump they were made from.
public struct SHA256: Sendable {
  private var state: (UInt32, UInt32, UInt32, UInt32,
    UInt32, UInt32, UInt32, UInt32) = (
      0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
      0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
  private var pending = [UInt8]()
  private var byteCount: UInt64 = 0

  public init() { pending.reserveCapacity(64) }

  /// Feeds bytes.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard var base = bytes.baseAddress else { return }
    var remaining = bytes.count
    byteCount &+= UInt64(remaining)
    if !pending.isEmpty {
      let take = Swift.min(64 - pending.count, remaining)
      pending.append(
        contentsOf: UnsafeRawBufferPointer(start: base, count: take))
      base += take
      remaining -= take
      if pending.count == 64 {
        let block = pending
        block.withUnsafeBytes { compress(blocks: $0.baseAddress!, count: 1) }
        pending.removeAll(keepingCapacity: true)
      }
    }
    let whole = remaining / 64
    if whole > 0 { compress(blocks: base, count: whole) }
    base += whole * 64
    remaining -= whole * 64
    pending.append(
      contentsOf: UnsafeRawBufferPointer(start: base, count: remaining))
  }

  /// Feeds the bytes of `data`.
  public mutating func update(_ data: Data) {
    data.withUnsafeBytes { update($0) }
  }

  /// The 32-byte digest of everything fed so far.
  public func finalize() -> [UInt8] {
    var copy = self
    var tail: [UInt8] = [0x80]
    let used = (pending.count + 1) % 64
    tail += [UInt8](repeating: 0, count: (56 - used + 64) % 64)
    let bits = byteCount &* 8
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
    }
    tail.withUnsafeBytes { copy.update($0) }
    let s = copy.state
    return [s.0, s.1, s.2, s.3, s.4, s.5, s.6, s.7].flatMap { word in
      [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> $0) }
    }
  }

  /// The digest as lowercase hexadecimal.
  public func hexDigest() -> String {
    finalize().map { String(format: "%02x", $0) }.joined()
  }

  /// The hex digest of a file, read in 4 MiB chunks (never whole).
  /// - Throws: the file system's error when the file cannot be read.
  public static func hexDigest(ofFileAt url: URL) throws -> String {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var hasher = SHA256()
    while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
      hasher.update(chunk)
    }
    return hasher.hexDigest()
  }

  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b,
    0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01,
    0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7,
    0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc,
    0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152,
    0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147,
    0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819,
    0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116, 0x1e37_6c08,
    0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f,
    0x682e_6ff3, 0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208,
    0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  /// The compression function over `count` consecutive 64-byte blocks.
  private mutating func compress(blocks: UnsafeRawPointer, count: Int) {
    var w = [UInt32](repeating: 0, count: 64)
    Self.k.withUnsafeBufferPointer { k in
      w.withUnsafeMutableBufferPointer { w in
        var (h0, h1, h2, h3, h4, h5, h6, h7) = state
        for block in 0..<count {
          let p = blocks + block * 64
          for t in 0..<16 {
            w[t] = UInt32(bigEndian: p.loadUnaligned(
              fromByteOffset: 4 * t, as: UInt32.self))
          }
          for t in 16..<64 {
            let a = w[t - 15], b = w[t - 2]
            let s0 = a.rotatedRight(7) ^ a.rotatedRight(18) ^ (a >> 3)
            let s1 = b.rotatedRight(17) ^ b.rotatedRight(19) ^ (b >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
          }
          var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
          for t in 0..<64 {
            let s1 =
              e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
            let choice = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
            let s0 =
              a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            (h, g, f, e) = (g, f, e, d &+ t1)
            (d, c, b, a) = (c, b, a, t1 &+ s0 &+ majority)
          }
          h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
          h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
        }
        state = (h0, h1, h2, h3, h4, h5, h6, h7)
      }
    }
  }
}

extension UInt32 {
  @inline(__always)
  fileprivate func rotatedRight(_ n: UInt32) -> UInt32 {
    (self >> n) | (self << (32 - n))
  }
}
