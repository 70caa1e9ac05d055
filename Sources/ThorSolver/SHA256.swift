internal import CCrypto
import Foundation

/// SHA-256 (FIPS 180-4), streaming, through OpenSSL's libcrypto (`EVP`),
/// which uses the CPU's SHA instructions where present. Plans record the
/// digest of the factor dump they were made from, and hashing a large dump
/// must not cost more than analysing it.
package struct SHA256: Sendable {
  private var context: DigestContext

  package init() { context = DigestContext() }

  /// Feeds bytes.
  package mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    if !isKnownUniquelyReferenced(&context) { context = context.copy() }
    context.update(base, count: bytes.count)
  }

  /// Feeds the bytes of `data`.
  package mutating func update(_ data: Data) {
    data.withUnsafeBytes { update($0) }
  }

  /// The 32-byte digest of everything fed so far.
  package func finalize() -> [UInt8] {
    context.copy().finish()
  }

  /// The digest as lowercase hexadecimal.
  package func hexDigest() -> String {
    finalize().map { String(format: "%02x", $0) }.joined()
  }

  /// The hex digest of a file, read in 4 MiB chunks (never whole).
  /// - Throws: the file system's error when the file cannot be read.
  package static func hexDigest(ofFileAt url: URL) throws -> String {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var hasher = SHA256()
    while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
      hasher.update(chunk)
    }
    return hasher.hexDigest()
  }
}

/// An `EVP_MD_CTX` for SHA-256, owned and freed by this object. Never
/// mutated while shared: ``SHA256`` copies it first (copy on write).
private final class DigestContext: @unchecked Sendable {
  private let pointer: OpaquePointer

  init() {
    guard let context = EVP_MD_CTX_new(),
      EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1
    else { fatalError("libcrypto cannot start a SHA-256 digest") }
    pointer = context
  }

  private init(copying other: OpaquePointer) {
    guard let context = EVP_MD_CTX_new(),
      EVP_MD_CTX_copy_ex(context, other) == 1
    else { fatalError("libcrypto cannot copy a SHA-256 digest") }
    pointer = context
  }

  deinit { EVP_MD_CTX_free(pointer) }

  func copy() -> DigestContext { DigestContext(copying: pointer) }

  func update(_ bytes: UnsafeRawPointer, count: Int) {
    guard EVP_DigestUpdate(pointer, bytes, count) == 1 else {
      fatalError("libcrypto failed to hash \(count) bytes")
    }
  }

  /// Completes the digest; the context cannot be fed afterwards.
  func finish() -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    guard EVP_DigestFinal_ex(pointer, &digest, &length) == 1 else {
      fatalError("libcrypto failed to finish a SHA-256 digest")
    }
    return Array(digest.prefix(Int(length)))
  }
}
