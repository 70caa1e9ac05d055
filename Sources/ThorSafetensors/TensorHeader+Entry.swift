extension TensorHeader {
  /// The fields of a tensor entry, all required, no others allowed.
  private static let fields = ["dtype", "shape", "data_offsets"]

  /// Validates one tensor entry on its own: fields, types, dtype, and that
  /// the span matches shape × element size.
  static func entry(
    _ name: String, _ value: HeaderJSON, source: String
  ) throws(SafetensorsError) -> TensorInfo {
    func invalid(_ problem: String) -> SafetensorsError {
      .invalidEntry(source: source, tensor: name, problem: problem)
    }
    guard case .object(let members) = value else {
      throw invalid(
        "entry is \(value.summary), expected an object with dtype, shape and "
          + "data_offsets")
    }
    var found: [String: HeaderJSON] = [:]
    for member in members {
      let (key, value) = (member.key, member.value)
      guard fields.contains(key) else {
        throw invalid(
          "unknown field '\(key)' (allowed: dtype, shape, data_offsets)")
      }
      guard found.updateValue(value, forKey: key) == nil else {
        throw invalid("field '\(key)' appears more than once")
      }
    }
    for field in fields where found[field] == nil {
      throw invalid("missing field '\(field)'")
    }
    guard case .string(let dtypeName)? = found["dtype"] else {
      throw invalid(
        "dtype is \(found["dtype"]?.summary ?? ""), expected a string")
    }
    guard let dtype = DType(rawValue: dtypeName) else {
      throw .unknownDType(source: source, tensor: name, dtype: dtypeName)
    }
    let shape = try integers(found["shape"], "shape", invalid)
    let offsets = try integers(found["data_offsets"], "data_offsets", invalid)
    guard offsets.count == 2 else {
      throw invalid(
        "data_offsets must hold 2 integers (begin, end), found "
          + "\(offsets.count)")
    }
    let (begin, end) = (offsets[0], offsets[1])
    guard begin <= end else {
      throw .reversedOffsets(
        source: source, tensor: name, begin: begin, end: end)
    }
    // Element count first, then bytes, as the reference does, so that
    // shape [2^62, 0] of F32 is a valid empty tensor.
    var count = 1
    var overflow = false
    for extent in shape where !overflow {
      (count, overflow) = count.multipliedReportingOverflow(by: extent)
    }
    let (needed, byteOverflow) = count.multipliedReportingOverflow(
      by: dtype.byteCount)
    guard !overflow, !byteOverflow else {
      throw .sizeOverflow(
        source: source, tensor: name, shape: shape, dtype: dtype)
    }
    guard needed == end - begin else {
      throw .sizeMismatch(
        source: source, tensor: name, shape: shape, dtype: dtype,
        needed: needed, span: end - begin)
    }
    return TensorInfo(
      name: name, dtype: dtype, shape: shape, byteRange: begin..<end)
  }

  /// Reads a field that must be an array of non-negative integers.
  private static func integers(
    _ value: HeaderJSON?, _ field: String,
    _ invalid: (String) -> SafetensorsError
  ) throws(SafetensorsError) -> [Int] {
    switch value {
    case .integers(let values)?:
      return values
    case .array(let elements)?:
      guard
        let index = elements.firstIndex(where: { $0.nonNegativeInteger == nil })
      else { return elements.compactMap(\.nonNegativeInteger) }
      throw invalid("\(field)[\(index)] is \(elements[index].integerProblem)")
    default:
      throw invalid(
        "\(field) is \(value?.summary ?? ""), expected an array of "
          + "non-negative integers")
    }
  }
}
