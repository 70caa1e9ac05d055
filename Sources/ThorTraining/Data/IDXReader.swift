import CZlib
import Foundation

/// Reads IDX files (the MNIST format), gzip-compressed or plain, through
/// zlib's `gzopen`/`gzread` (which pass uncompressed files through).
package enum IDXReader {
  /// Images: magic 2051, then count, rows, columns (big-endian UInt32),
  /// then one byte per pixel, row-major per image.
  package static func readImages(at path: String) throws(DatasetError)
    -> (count: Int, rows: Int, columns: Int, pixels: [UInt8])
  {
    let bytes = try decompress(path)
    let header = try readHeader(
      bytes, path: path, magic: DatasetError.imageMagic, dimensions: 3)
    let (count, rows, columns) = (header[0], header[1], header[2])
    guard rows > 0, columns > 0 else {
      throw .badDimensions(
        path: path, reason: "images of \(rows)x\(columns) pixels")
    }
    let (pixels, o1) = rows.multipliedReportingOverflow(by: columns)
    let (expected, o2) = count.multipliedReportingOverflow(by: pixels)
    guard !o1, !o2, bytes.count - 16 == expected else {
      throw .sizeMismatch(
        path: path, expectedBytes: o1 || o2 ? Int.max : expected,
        foundBytes: bytes.count - 16)
    }
    return (count, rows, columns, Array(bytes[16...]))
  }

  /// Labels: magic 2049, then count (big-endian UInt32), then one byte per
  /// label, each below `classes`.
  package static func readLabels(at path: String, classes: Int)
    throws(DatasetError) -> [UInt8]
  {
    let bytes = try decompress(path)
    let count = try readHeader(
      bytes, path: path, magic: DatasetError.labelMagic, dimensions: 1)[0]
    guard bytes.count - 8 == count else {
      throw .sizeMismatch(
        path: path, expectedBytes: count, foundBytes: bytes.count - 8)
    }
    let labels = Array(bytes[8...])
    if let i = labels.firstIndex(where: { Int($0) >= classes }) {
      throw .labelOutOfRange(
        path: path, index: i, label: labels[i], classes: classes)
    }
    return labels
  }

  /// Checks the magic number and returns the `dimensions` sizes.
  private static func readHeader(
    _ bytes: [UInt8], path: String, magic: UInt32, dimensions: Int
  ) throws(DatasetError) -> [Int] {
    let length = 4 * (1 + dimensions)
    guard bytes.count >= 4 else {
      throw .sizeMismatch(path: path, expectedBytes: 4, foundBytes: 0)
    }
    let found = bigEndian(bytes, at: 0)
    guard found == magic else {
      throw .badMagic(path: path, found: found, expected: magic)
    }
    guard bytes.count >= length else {
      throw .badDimensions(
        path: path, reason: "header cut short after \(bytes.count) bytes")
    }
    return (1...dimensions).map { Int(bigEndian(bytes, at: 4 * $0)) }
  }

  private static func bigEndian(_ bytes: [UInt8], at i: Int) -> UInt32 {
    UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16
      | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
  }

  /// The whole decompressed content of `path`.
  static func decompress(_ path: String) throws(DatasetError) -> [UInt8] {
    guard let file = gzopen(path, "rb") else {
      throw .cannotOpen(path: path, reason: systemReason())
    }
    defer { gzclose(file) }
    gzbuffer(file, 1 << 20)
    var result: [UInt8] = []
    let chunk = 1 << 20
    while true {
      let old = result.count
      result.append(contentsOf: repeatElement(0, count: chunk))
      let n = result.withUnsafeMutableBytes {
        gzread(file, $0.baseAddress! + old, UInt32(chunk))
      }
      if n < 0 {
        var code: Int32 = 0
        let message = String(cString: gzerror(file, &code))
        throw .decompression(path: path, reason: message)
      }
      result.removeLast(chunk - Int(n))
      if Int(n) < chunk { break }
    }
    // gzread stops quietly at a truncated stream; gzerror says so.
    var code: Int32 = 0
    let message = String(cString: gzerror(file, &code))
    if code != Z_OK && code != Z_STREAM_END {
      throw .decompression(path: path, reason: message)
    }
    return result
  }

  private static func systemReason() -> String {
    String(cString: strerror(errno))
  }
}
