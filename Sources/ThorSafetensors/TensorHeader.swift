/// A validated safetensors header: the tensors in data-offset order and the
/// free-form metadata.
///
/// Validation follows the reference implementation (huggingface/safetensors,
/// `Metadata::validate`): every entry has exactly `dtype`, `shape` and
/// `data_offsets`; the offsets, sorted, begin at 0 and are contiguous; each
/// span equals the shape's element count times the element size, computed
/// with overflow checks. That the tensors cover the data section exactly is
/// checked by the caller, which knows the file size.
struct TensorHeader {
  /// The key that holds metadata instead of a tensor.
  static let metadataKey = "__metadata__"

  let tensors: [TensorInfo]
  let metadata: [String: String]
  /// The end of the last tensor: the size the data section must have.
  let dataSize: Int

  /// Parses and validates header bytes (the JSON after the length prefix).
  init(bytes: [UInt8], source: String) throws(SafetensorsError) {
    guard String(validating: bytes, as: UTF8.self) != nil else {
      throw .headerNotUTF8(source: source, offset: Self.invalidUTF8(bytes))
    }
    var parser = HeaderParser(bytes)
    let json: HeaderJSON
    do {
      json = try parser.parseDocument()
    } catch {
      throw .invalidJSON(
        source: source, offset: error.offset, reason: error.reason)
    }
    guard case .object(let members) = json else {
      throw .headerNotObject(source: source, found: json.summary)
    }
    var seen = Set<String>()
    var tensors: [TensorInfo] = []
    var metadata: [String: String] = [:]
    tensors.reserveCapacity(members.count)
    for member in members {
      let (key, value) = (member.key, member.value)
      guard seen.insert(key).inserted else {
        if key == Self.metadataKey {
          throw .invalidMetadata(
            source: source, problem: "appears more than once in the header")
        }
        throw .duplicateTensor(source: source, tensor: key)
      }
      if key == Self.metadataKey {
        metadata = try Self.metadata(value, source: source)
      } else {
        tensors.append(try Self.entry(key, value, source: source))
      }
    }
    tensors.sort {
      ($0.byteRange.lowerBound, $0.byteRange.upperBound)
        < ($1.byteRange.lowerBound, $1.byteRange.upperBound)
    }
    self.dataSize = try Self.checkContiguous(tensors, source: source)
    self.tensors = tensors
    self.metadata = metadata
  }

  /// The offset of the first byte that is not part of valid UTF-8.
  private static func invalidUTF8(_ bytes: [UInt8]) -> Int {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .error, .emptyInput: return offset
      }
    }
  }

  /// Checks that the sorted tensors tile `0..<end` and returns `end`.
  private static func checkContiguous(
    _ tensors: [TensorInfo], source: String
  ) throws(SafetensorsError) -> Int {
    var end = 0
    var previous: String?
    for tensor in tensors {
      let begin = tensor.byteRange.lowerBound
      if begin > end {
        throw .gapBeforeTensor(
          source: source, tensor: tensor.name, begin: begin,
          previous: previous, previousEnd: end)
      }
      if begin < end, let previous {
        throw .overlappingTensors(
          source: source, tensor: tensor.name, begin: begin,
          previous: previous, previousEnd: end)
      }
      end = tensor.byteRange.upperBound
      previous = tensor.name
    }
    return end
  }

  /// Validates `__metadata__`: an object of string values, no repeated key
  /// (the reference keeps one of them silently), or `null`, which the
  /// reference reads as absent.
  private static func metadata(
    _ value: HeaderJSON, source: String
  ) throws(SafetensorsError) -> [String: String] {
    if case .null = value { return [:] }
    guard case .object(let members) = value else {
      throw .invalidMetadata(
        source: source,
        problem: "is \(value.summary), expected an object of strings")
    }
    var result: [String: String] = [:]
    for member in members {
      let (key, value) = (member.key, member.value)
      guard case .string(let text) = value else {
        throw .invalidMetadata(
          source: source,
          problem: "value of '\(key)' is \(value.summary), expected a string")
      }
      guard result.updateValue(text, forKey: key) == nil else {
        throw .invalidMetadata(
          source: source, problem: "key '\(key)' appears more than once")
      }
    }
    return result
  }
}
