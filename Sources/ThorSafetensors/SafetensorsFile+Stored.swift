import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension SafetensorsFile {
  /// Calls `body` with the tensor's bytes as stored (little-endian, in
  /// place in the mapping: nothing is copied).
  package func withStoredBytes<R, E: Error>(
    of tensor: TensorInfo,
    _ body: (UnsafeRawBufferPointer) throws(E) -> R
  ) throws(E) -> R {
    let start = dataStart + tensor.byteRange.lowerBound
    let result: Result<R, E> = storage.withUnsafeBytes { file in
      let bytes = UnsafeRawBufferPointer(
        rebasing: file[start..<start + tensor.byteRange.count])
      return Result { () throws(E) -> R in try body(bytes) }
    }
    return try result.get()
  }

  /// Drops the resident pages holding `bytes` of the tensor's data
  /// (`madvise(MADV_DONTNEED)`; whole pages, rounded outward). Later reads
  /// fault them in again from the file, so values never change; a file
  /// not memory-mapped is left alone.
  package func releasePages(of tensor: TensorInfo, bytes: Range<Int>) {
    guard isMapped, !bytes.isEmpty else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let first = dataStart + tensor.byteRange.lowerBound + bytes.lowerBound
    let last = Swift.min(
      storage.count,
      dataStart + tensor.byteRange.lowerBound
        + bytes.upperBound)
    let from = first / page * page
    let to = (last + page - 1) / page * page
    storage.withUnsafeBytes { file in
      let base = UnsafeMutableRawPointer(mutating: file.baseAddress!)
      _ = madvise(base + from, to - from, Int32(MADV_DONTNEED))
    }
  }

  /// Widens `bytes` of little-endian `dtype` elements (F64, F32, F16 or
  /// BF16) into `out`, exactly.
  package static func widen(
    _ bytes: UnsafeRawBufferPointer, _ dtype: DType,
    into out: UnsafeMutableBufferPointer<Double>
  ) {
    precondition(
      bytes.count == out.count * dtype.byteCount, "element count mismatch")
    convert(bytes, dtype, into: out)
  }
}
