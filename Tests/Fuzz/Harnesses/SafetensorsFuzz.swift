import Foundation
import ThorSafetensors

/// libFuzzer entry point for the safetensors reader: validates arbitrary
/// bytes with `SafetensorsFile(data:source:)` and, when they are accepted,
/// reads every floating-point tensor through `doubles(of:)`.
///
/// Malformed input must throw. An accepted file must keep the reader's
/// promises, checked here independently of its code (a broken promise
/// traps, so libFuzzer records the input): every tensor lies inside the
/// data section, tensors do not overlap, shape × element size is the byte
/// span, and a float tensor yields exactly its shape's element count.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ data: UnsafePointer<UInt8>, _ size: Int)
  -> CInt
{
  let bytes = Data(bytes: data, count: size)
  guard let file = try? SafetensorsFile(data: bytes, source: "fuzz")
  else { return 0 }
  let headerLength = bytes.withUnsafeBytes {
    Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)))
  }
  let dataSize = size - 8 - headerLength
  var end = 0
  for tensor in file.tensors.sorted(by: {
    $0.byteRange.lowerBound < $1.byteRange.lowerBound
  }) {
    let range = tensor.byteRange
    check(range.lowerBound >= end, "\(tensor.name) overlaps")
    check(range.upperBound <= dataSize, "\(tensor.name) beyond the data")
    end = range.upperBound
    let (count, overflow) = tensor.shape.reduce((1, false)) {
      let product = $0.0.multipliedReportingOverflow(by: $1)
      return (product.partialValue, $0.1 || product.overflow)
    }
    check(
      !overflow && tensor.shape.allSatisfy { $0 >= 0 }
        && count * tensor.dtype.byteCount == range.count,
      "\(tensor.name): shape \(tensor.shape) does not match \(range)")
    check(
      file.tensor(named: tensor.name) == tensor, "\(tensor.name) lookup")
    guard tensor.dtype.isConvertibleToFloatingPoint else {
      check(
        (try? file.doubles(of: tensor.name)) == nil,
        "\(tensor.name): \(tensor.dtype) read as doubles")
      continue
    }
    do {
      let values = try file.doubles(of: tensor.name)
      check(values.count == count, "\(tensor.name): \(values.count) values")
    } catch {
      check(false, "\(tensor.name): accepted float tensor unreadable")
    }
  }
  return 0
}
