import Foundation
import Testing

@testable import ThorSafetensors

/// Builders for test inputs, computed independently of the code under test.
enum TestSupport {
  /// A committed fixture made by `Fixtures/make_fixtures.py`.
  static func fixture(_ name: String) throws -> URL {
    try #require(
      Bundle.module.url(
        forResource: name, withExtension: "safetensors",
        subdirectory: "Fixtures"))
  }

  /// `v[i] = i * 0.25 - 3`, the fixtures' formula for float tensors.
  static func quarterSteps(_ count: Int) -> [Double] {
    (0..<count).map { Double($0) * 0.25 - 3 }
  }

  /// `v[i] = i / 3`, the fixtures' formula for F64 tensors.
  static func thirds(_ count: Int) -> [Double] {
    (0..<count).map { Double($0) / 3 }
  }

  /// A file: the little-endian `headerLength` (default: the header's UTF-8
  /// size), the header bytes, then `dataCount` zero bytes.
  static func file(
    header: [UInt8], headerLength: UInt64? = nil, dataCount: Int = 0
  ) -> Data {
    var data = Data()
    let length = headerLength ?? UInt64(header.count)
    for shift in stride(from: 0, to: 64, by: 8) {
      data.append(UInt8(truncatingIfNeeded: length >> UInt64(shift)))
    }
    data.append(contentsOf: header)
    data.append(contentsOf: [UInt8](repeating: 0, count: dataCount))
    return data
  }

  /// `file(header:…)` with a header given as text.
  static func file(_ header: String, dataCount: Int = 0) -> Data {
    file(header: Array(header.utf8), dataCount: dataCount)
  }
}

extension SafetensorsFile {
  /// A tensor's bytes as stored, for comparing files byte by byte.
  func rawBytes(of info: TensorInfo) -> Data {
    let start = dataStart + info.byteRange.lowerBound
    return storage.subdata(in: start..<start + info.byteRange.count)
  }
}
