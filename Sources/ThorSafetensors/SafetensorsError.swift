/// Why a safetensors file was rejected or a tensor could not be read.
///
/// Every case names the file (`source`) and, where one is involved, the
/// tensor or header field. The ``description`` is meant to be printed
/// unchanged.
package enum SafetensorsError: Error, Equatable, Sendable {
  /// The file could not be opened, inspected or memory-mapped.
  case unreadable(source: String, reason: String)
  /// The file is shorter than the 8-byte header length.
  case fileTooShort(source: String, byteCount: Int)
  /// The header length exceeds ``SafetensorsFile/maximumHeaderLength``.
  case headerTooLarge(source: String, length: UInt64)
  /// The header length points past the end of the file.
  case headerBeyondFile(source: String, length: UInt64, fileSize: Int)
  /// The header bytes are not valid UTF-8 from this byte offset on.
  case headerNotUTF8(source: String, offset: Int)
  /// The header is not valid JSON; `offset` is a byte offset in the header.
  case invalidJSON(source: String, offset: Int, reason: String)
  /// The header is JSON but not an object (`found` names what it is).
  case headerNotObject(source: String, found: String)
  /// Two header entries have the same name.
  case duplicateTensor(source: String, tensor: String)
  /// A tensor entry is malformed: not an object, a field missing, repeated
  /// or unknown, or a field of the wrong type.
  case invalidEntry(source: String, tensor: String, problem: String)
  /// A tensor's `dtype` is not one the format defines.
  case unknownDType(source: String, tensor: String, dtype: String)
  /// The element count or byte size of a tensor overflows a 64-bit integer.
  case sizeOverflow(source: String, tensor: String, shape: [Int], dtype: DType)
  /// The shape and dtype need a different number of bytes than the
  /// `data_offsets` span.
  case sizeMismatch(
    source: String, tensor: String, shape: [Int], dtype: DType, needed: Int,
    span: Int)
  /// A tensor's `data_offsets` end before they begin.
  case reversedOffsets(source: String, tensor: String, begin: Int, end: Int)
  /// Unused bytes before a tensor: the data must be contiguous from offset 0.
  /// `previous` is the tensor before it in offset order (nil: the first).
  case gapBeforeTensor(
    source: String, tensor: String, begin: Int, previous: String?,
    previousEnd: Int)
  /// A tensor begins inside the data of the one before it.
  case overlappingTensors(
    source: String, tensor: String, begin: Int, previous: String,
    previousEnd: Int)
  /// The tensors do not cover the data section exactly: trailing bytes
  /// (`covered < available`) or data missing at the end of the file.
  case dataSizeMismatch(source: String, covered: Int, available: Int)
  /// `__metadata__` is not an object of string values.
  case invalidMetadata(source: String, problem: String)
  /// No tensor has this name.
  case tensorNotFound(source: String, tensor: String)
  /// The tensor's dtype cannot be converted to floating point.
  case unsupportedDType(source: String, tensor: String, dtype: DType)
  /// Writing a file failed; nothing was left at `destination`.
  case writeFailed(destination: String, reason: String)
}

extension SafetensorsError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .unreadable(let source, let reason):
      "\(source): cannot read file: \(reason)"
    case .fileTooShort(let source, let count):
      "\(source): file is \(count) bytes, too short for the 8-byte header "
        + "length of a safetensors file"
    case .headerTooLarge(let source, let length):
      "\(source): header length \(length) exceeds the limit of "
        + "\(SafetensorsFile.maximumHeaderLength) bytes (not a safetensors "
        + "file?)"
    case .headerBeyondFile(let source, let length, let size):
      "\(source): header length \(length) runs past the end of the file "
        + "(\(size) bytes, header starts at byte 8)"
    case .headerNotUTF8(let source, let offset):
      "\(source): header is not valid UTF-8 at header byte \(offset)"
    case .invalidJSON(let source, let offset, let reason):
      "\(source): header is not valid JSON: \(reason) at header byte \(offset)"
    case .headerNotObject(let source, let found):
      "\(source): header is \(found), expected a JSON object"
    case .duplicateTensor(let source, let tensor):
      "\(source): tensor '\(tensor)' appears more than once in the header"
    case .invalidEntry(let source, let tensor, let problem):
      "\(source): tensor '\(tensor)': \(problem)"
    case .unknownDType(let source, let tensor, let dtype):
      "\(source): tensor '\(tensor)': unknown dtype \"\(dtype)\" (known: "
        + DType.allCases.map(\.rawValue).joined(separator: ", ") + ")"
    case .sizeOverflow(let source, let tensor, let shape, let dtype):
      "\(source): tensor '\(tensor)': shape \(shape) of \(dtype.rawValue) "
        + "overflows a 64-bit byte count"
    case .sizeMismatch(
      let source, let tensor, let shape, let dtype, let n,
      let span):
      "\(source): tensor '\(tensor)': shape \(shape) of \(dtype.rawValue) "
        + "needs \(n) bytes but data_offsets span \(span)"
    case .reversedOffsets(let source, let tensor, let begin, let end):
      "\(source): tensor '\(tensor)': data_offsets [\(begin), \(end)] end "
        + "before they begin"
    case .gapBeforeTensor(let source, let tensor, let begin, nil, _):
      "\(source): tensor '\(tensor)': data_offsets begin at \(begin) but the "
        + "first tensor must begin at 0 (\(begin) unused bytes)"
    case .gapBeforeTensor(
      let source, let tensor, let begin, let previous?,
      let end):
      "\(source): tensor '\(tensor)': data_offsets begin at \(begin) but "
        + "tensor '\(previous)' ends at \(end) (\(begin - end) unused bytes)"
    case .overlappingTensors(
      let source, let tensor, let begin, let previous,
      let end):
      "\(source): tensor '\(tensor)': data_offsets begin at \(begin), "
        + "overlapping tensor '\(previous)', which ends at \(end)"
    case .dataSizeMismatch(let source, let covered, let available)
    where covered < available:
      "\(source): the tensors cover \(covered) bytes of data but the file "
        + "holds \(available) after the header (\(available - covered) "
        + "trailing bytes)"
    case .dataSizeMismatch(let source, let covered, let available):
      "\(source): the tensors need \(covered) bytes of data but the file "
        + "holds only \(available) after the header (truncated?)"
    case .invalidMetadata(let source, let problem):
      "\(source): __metadata__ \(problem)"
    case .tensorNotFound(let source, let tensor):
      "\(source): no tensor named '\(tensor)'"
    case .unsupportedDType(let source, let tensor, let dtype):
      "\(source): tensor '\(tensor)' has dtype \(dtype.rawValue); only F16, "
        + "BF16, F32 and F64 convert to floating point"
    case .writeFailed(let destination, let reason):
      "\(destination): cannot write file: \(reason)"
    }
  }
}
