import Foundation

/// A validated safetensors file: its header, and its data read on demand.
///
/// The format is an 8-byte little-endian header length `n`, `n` bytes of
/// UTF-8 JSON describing each tensor (`dtype`, `shape`, `data_offsets`
/// into the data section) and optional `__metadata__`, then the data
/// section. Both initializers validate the whole header, strictly as the
/// reference implementation does, before any tensor data is touched: files
/// come from other programs and other people, and no size is trusted
/// before it is checked. Malformed input throws; it never traps.
///
/// Tensor data is little-endian, as the format defines it. Big-endian hosts
/// are not supported: on one, values would be read byte-swapped.
package struct SafetensorsFile: Sendable {
  /// The largest header accepted, in bytes (the reference's limit).
  package static let maximumHeaderLength = 100_000_000

  /// The name of the file in error messages.
  package let source: String
  /// The tensors, ordered by data offset.
  package let tensors: [TensorInfo]
  /// The header's `__metadata__` map; empty when absent.
  package let metadata: [String: String]

  /// The whole file, usually memory-mapped.
  let storage: Data
  /// The byte offset of the data section in `storage`.
  let dataStart: Int
  /// Whether `storage` is a file mapping (whose pages may be dropped).
  private(set) var isMapped = false
  private let indexByName: [String: Int]

  /// Opens, memory-maps and validates a file.
  ///
  /// Errors name the file by `url.relativePath`. As with any memory-mapped
  /// file, truncating it while it is open makes later reads fault.
  /// - Throws: ``SafetensorsError`` when the file cannot be read or is not
  ///   a valid safetensors file.
  package init(contentsOf url: URL) throws(SafetensorsError) {
    let source = url.relativePath
    try self.init(
      data: try MappedFile.data(at: url, source: source),
      source: source)
    isMapped = true
  }

  /// Validates a safetensors file held in memory.
  ///
  /// - Parameter source: names the file in errors.
  /// - Throws: ``SafetensorsError`` when `data` is not a valid safetensors
  ///   file.
  package init(data: Data, source: String) throws(SafetensorsError) {
    let data = data.startIndex == 0 ? data : Data(data)
    guard data.count >= 8 else {
      throw .fileTooShort(source: source, byteCount: data.count)
    }
    let length = data.withUnsafeBytes {
      UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))
    }
    guard length <= UInt64(Self.maximumHeaderLength) else {
      throw .headerTooLarge(source: source, length: length)
    }
    let headerEnd = 8 + Int(length)
    guard headerEnd <= data.count else {
      throw .headerBeyondFile(
        source: source, length: length, fileSize: data.count)
    }
    let header = try TensorHeader(
      bytes: [UInt8](data[8..<headerEnd]), source: source)
    guard header.dataSize == data.count - headerEnd else {
      throw .dataSizeMismatch(
        source: source, covered: header.dataSize,
        available: data.count - headerEnd)
    }
    self.source = source
    self.tensors = header.tensors
    self.metadata = header.metadata
    self.storage = data
    self.dataStart = headerEnd
    var index: [String: Int] = [:]
    index.reserveCapacity(header.tensors.count)
    for (position, tensor) in header.tensors.enumerated() {
      index[tensor.name] = position
    }
    self.indexByName = index
  }

  /// The entry of the tensor with this name, if there is one.
  package func tensor(named name: String) -> TensorInfo? {
    indexByName[name].map { tensors[$0] }
  }

  /// The entry named `name`, or an error naming the file and the tensor.
  func requireTensor(_ name: String) throws(SafetensorsError) -> TensorInfo {
    guard let info = tensor(named: name) else {
      throw .tensorNotFound(source: source, tensor: name)
    }
    return info
  }
}
