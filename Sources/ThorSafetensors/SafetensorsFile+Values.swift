import Foundation

extension SafetensorsFile {
  /// The tensor's elements in row-major order as `Double`.
  ///
  /// F64 is copied, F32, F16 and BF16 are widened exactly.
  /// - Throws: ``SafetensorsError/tensorNotFound(source:tensor:)``, or
  ///   ``SafetensorsError/unsupportedDType(source:tensor:dtype:)`` for
  ///   integer, boolean and 8-bit float tensors.
  package func doubles(of name: String) throws(SafetensorsError) -> [Double] {
    try values(of: name, as: Double.self)
  }

  /// The tensor's elements in row-major order as `Float`.
  ///
  /// F32 is copied, F16 and BF16 are widened exactly, F64 is rounded to the
  /// nearest `Float`.
  /// - Throws: as ``doubles(of:)``.
  package func floats(of name: String) throws(SafetensorsError) -> [Float] {
    try values(of: name, as: Float.self)
  }

  private func values<Element: BinaryFloatingPoint>(
    of name: String, as _: Element.Type
  ) throws(SafetensorsError) -> [Element] {
    let info = try requireTensor(name)
    guard info.dtype.isConvertibleToFloatingPoint else {
      throw .unsupportedDType(source: source, tensor: name, dtype: info.dtype)
    }
    let count = info.elementCount
    let offset = dataStart + info.byteRange.lowerBound
    return storage.withUnsafeBytes { file in
      let bytes = UnsafeRawBufferPointer(
        rebasing: file[offset..<offset + info.byteRange.count])
      return [Element](unsafeUninitializedCapacity: count) { out, filled in
        Self.convert(bytes, info.dtype, into: out)
        filled = count
      }
    }
  }

  /// Converts little-endian elements of `dtype` in bulk: a straight copy
  /// when the types match, otherwise one plain loop per source type.
  static func convert<Element: BinaryFloatingPoint>(
    _ bytes: UnsafeRawBufferPointer, _ dtype: DType,
    into out: UnsafeMutableBufferPointer<Element>
  ) {
    guard let source = bytes.baseAddress, let target = out.baseAddress else {
      return
    }
    if dtype.byteCount == MemoryLayout<Element>.size,
      dtype == .f32 || dtype == .f64
    {
      UnsafeMutableRawPointer(target).copyMemory(
        from: source, byteCount: bytes.count)
      return
    }
    switch dtype {
    case .f64:
      for i in out.indices {
        out[i] = Element(
          source.loadUnaligned(
            fromByteOffset: 8 * i, as: Double.self))
      }
    case .f32:
      for i in out.indices {
        out[i] = Element(
          source.loadUnaligned(
            fromByteOffset: 4 * i, as: Float.self))
      }
    case .f16:  // through Float: the generic conversion from Float16 is slow
      for i in out.indices {
        let bits = source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)
        out[i] = Element(Float(Float16(bitPattern: bits)))
      }
    case .bf16:  // the upper half of a Float's bits
      for i in out.indices {
        let bits = source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)
        out[i] = Element(Float(bitPattern: UInt32(bits) << 16))
      }
    default:
      preconditionFailure("\(dtype) is not a floating-point dtype")
    }
  }
}
