import Foundation
import Testing

@testable import ThorSafetensors

@Suite("Rejecting malformed files")
struct MalformedFileTests {
  static let source = "dump.bin"

  @Test(arguments: MalformedCorpus.all)
  func rejected(_ malformed: MalformedCase) {
    let error = #expect(throws: SafetensorsError.self) {
      try SafetensorsFile(data: malformed.bytes, source: Self.source)
    }
    let message = error?.description ?? ""
    #expect(message.hasPrefix("\(Self.source): "), "\(message)")
    #expect(message.contains(malformed.fragment), "\(message)")
  }

  @Test func corpusIsLargeAndDistinct() {
    let all = MalformedCorpus.all
    #expect(all.count >= 25)
    #expect(Set(all.map(\.bytes)).count == all.count)
    #expect(Set(all.map(\.summary)).count == all.count)
  }

  @Test func errorsCarryTheirFields() {
    let header =
      #"{"fc1.A":\#(MalformedCorpus.entry(shape: "[3,3]", offsets: "[0,32]"))}"#
    #expect(
      throws: SafetensorsError.sizeMismatch(
        source: "x", tensor: "fc1.A", shape: [3, 3], dtype: .f32, needed: 36,
        span: 32)
    ) {
      try SafetensorsFile(
        data: TestSupport.file(header, dataCount: 32), source: "x")
    }
  }

  /// Every proper prefix of a valid file is missing data, so it must throw.
  @Test func everyTruncationIsRejected() throws {
    let bytes = try Data(contentsOf: try TestSupport.fixture("mixed"))
    for count in 0..<bytes.count {
      #expect(throws: SafetensorsError.self, "prefix of \(count) bytes") {
        try SafetensorsFile(data: bytes.prefix(count), source: "cut")
      }
    }
  }

  /// Changing any single header byte either breaks the file or leaves a
  /// file whose tensors still tile its data section exactly; never a trap.
  @Test func singleByteChangesNeverTrap() throws {
    let bytes = try Data(contentsOf: try TestSupport.fixture("mixed"))
    for position in 0..<bytes.count - 140 {
      for replacement: UInt8 in [0x00, 0x22, 0x2C, 0x31, 0x5D, 0x7D, 0xFF] {
        var changed = bytes
        changed[position] = replacement
        guard
          let file = try? SafetensorsFile(data: changed, source: "flip")
        else { continue }
        let covered = file.tensors.reduce(0) { $0 + $1.byteRange.count }
        #expect(covered == file.tensors.last?.byteRange.upperBound ?? 0)
        for tensor in file.tensors
        where tensor.dtype.isConvertibleToFloatingPoint {
          #expect(
            try file.doubles(of: tensor.name).count == tensor.elementCount)
        }
      }
    }
  }
}
