/// One tensor's entry in a safetensors header, after validation.
package struct TensorInfo: Sendable, Equatable {
  /// The tensor's name, the key of its header entry.
  package let name: String
  /// The element type.
  package let dtype: DType
  /// The dimensions, outermost first (row-major, as the format stores them).
  package let shape: [Int]
  /// The tensor's bytes, as offsets within the data section (the bytes after
  /// the header), not within the file.
  package let byteRange: Range<Int>

  /// The number of elements: the product of `shape` (1 for a scalar).
  package var elementCount: Int { byteRange.count / dtype.byteCount }
}
