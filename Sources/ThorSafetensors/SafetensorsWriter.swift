import Foundation

/// Builds a safetensors file from F32 and F64 tensors.
///
/// Tensors are stored in insertion order, contiguous from offset 0. The
/// header is compact JSON with `__metadata__` first (when there is any), as
/// the reference writer lays it out, padded with spaces to a multiple of 8
/// bytes so that the data section stays 8-byte aligned. Values are written
/// little-endian; big-endian hosts are not supported.
package struct SafetensorsWriter: Sendable {
  private struct Entry: Sendable {
    let name: String
    let dtype: DType
    let shape: [Int]
    let bytes: Data
  }

  private let metadata: [String: String]
  private var entries: [Entry] = []
  private var names: Set<String> = []

  /// Starts an empty file with this `__metadata__` (omitted when empty).
  package init(metadata: [String: String] = [:]) {
    self.metadata = metadata
  }

  /// Appends an F32 tensor. `values` are in row-major order.
  ///
  /// - Precondition: `shape`'s product equals `values.count`, and `name` is
  ///   new and not `__metadata__`.
  package mutating func add(name: String, shape: [Int], values: [Float]) {
    append(name, .f32, shape, values.withUnsafeBytes { Data($0) })
  }

  /// Appends an F64 tensor. `values` are in row-major order.
  ///
  /// - Precondition: as for the F32 overload.
  package mutating func add(name: String, shape: [Int], values: [Double]) {
    append(name, .f64, shape, values.withUnsafeBytes { Data($0) })
  }

  private mutating func append(
    _ name: String, _ dtype: DType, _ shape: [Int], _ bytes: Data
  ) {
    precondition(
      name != TensorHeader.metadataKey, "tensor name \(name) is reserved")
    precondition(names.insert(name).inserted, "duplicate tensor '\(name)'")
    precondition(
      shape.allSatisfy { $0 >= 0 }
        && shape.reduce(1, *) * dtype.byteCount == bytes.count,
      "tensor '\(name)': shape \(shape) does not match the value count")
    entries.append(Entry(name: name, dtype: dtype, shape: shape, bytes: bytes))
  }

  /// The complete file: header length, header, data.
  package func serialized() -> Data {
    var header = header()
    header.append(
      contentsOf: repeatElement(UInt8(ascii: " "), count: -header.count & 7))
    let dataSize = entries.reduce(0) { $0 + $1.bytes.count }
    var file = Data(capacity: 8 + header.count + dataSize)
    withUnsafeBytes(of: UInt64(header.count).littleEndian) {
      file.append(contentsOf: $0)
    }
    file.append(contentsOf: header)
    for entry in entries { file.append(entry.bytes) }
    return file
  }

  /// Writes ``serialized()`` to `url` atomically: through a temporary file
  /// renamed into place, so a failure leaves no partial file.
  /// - Throws: ``SafetensorsError/writeFailed(destination:reason:)``.
  package func write(to url: URL) throws(SafetensorsError) {
    do {
      try serialized().write(to: url, options: .atomic)
    } catch {
      throw .writeFailed(
        destination: url.relativePath, reason: error.localizedDescription)
    }
  }

  /// The compact JSON header, unpadded.
  private func header() -> [UInt8] {
    var json = "{"
    var separator = ""
    if !metadata.isEmpty {
      json += "\"\(TensorHeader.metadataKey)\":{"
      for (i, key) in metadata.keys.sorted().enumerated() {
        json +=
          (i == 0 ? "" : ",") + Self.quoted(key) + ":"
          + Self.quoted(metadata[key] ?? "")
      }
      json += "}"
      separator = ","
    }
    var offset = 0
    for entry in entries {
      let end = offset + entry.bytes.count
      json +=
        separator + Self.quoted(entry.name) + ":{\"dtype\":\""
        + entry.dtype.rawValue + "\",\"shape\":["
        + entry.shape.map(String.init).joined(separator: ",")
        + "],\"data_offsets\":[\(offset),\(end)]}"
      separator = ","
      offset = end
    }
    json += "}"
    return Array(json.utf8)
  }

  /// `text` as a JSON string literal.
  private static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\0"..<" ":
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
