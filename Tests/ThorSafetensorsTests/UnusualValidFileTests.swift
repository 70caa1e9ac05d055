import Foundation
import Testing

@testable import ThorSafetensors

@Suite("Accepting unusual but valid files")
struct UnusualValidFileTests {
  /// Little-endian bytes of an unsigned integer of `width` bytes.
  private func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    (0..<T.bitWidth / 8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
  }

  @Test func unalignedDataAfterOddHeader() throws {
    // A 7-byte-odd header puts the data section at an odd file offset.
    let header =
      #"{"d":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},"#
      + #""f":{"dtype":"F32","shape":[2],"data_offsets":[16,24]},"#
      + #""h":{"dtype":"F16","shape":[1],"data_offsets":[24,26]}}"#
    #expect(header.utf8.count % 2 == 1)
    let data =
      littleEndian((0.1).bitPattern) + littleEndian((-2.5).bitPattern)
      + littleEndian(Float(3.25).bitPattern)
      + littleEndian(Float(-0.125).bitPattern) + littleEndian(UInt16(0x3C00))
    let file = try SafetensorsFile(
      data: TestSupport.file(header: Array(header.utf8)) + Data(data),
      source: "odd")
    #expect(try file.doubles(of: "d") == [0.1, -2.5])
    #expect(try file.floats(of: "d") == [Float(0.1), -2.5])
    #expect(try file.doubles(of: "f") == [3.25, -0.125])
    #expect(try file.floats(of: "h") == [1])
  }

  @Test func freeLayoutOfTheHeader() throws {
    // Whitespace everywhere, fields and entries in any order, escapes.
    let header =
      " \t\r\n{ \"b\\/c\" : { \"data_offsets\" : [ 4 , 8 ] , \"shape\" : [ ] ,"
      + " \"dtype\" : \"F32\" } ,\n \"\\u00e9\\ud83d\\ude00\":{\"shape\":[1],"
      + "\"dtype\":\"F32\",\"data_offsets\":[0,4]}, \"__metadata__\": null }  "
    let file = try SafetensorsFile(
      data: TestSupport.file(header, dataCount: 8), source: "free")
    #expect(file.tensors.map(\.name) == ["é😀", "b/c"])
    #expect(file.tensor(named: "b/c")?.shape == [])
    #expect(file.metadata.isEmpty)
  }

  @Test func emptyHeader() throws {
    let file = try SafetensorsFile(
      data: TestSupport.file("{}"), source: "empty")
    #expect(file.tensors.isEmpty)
    #expect(file.metadata.isEmpty)
  }

  @Test func zeroExtentAfterLargeOne() throws {
    // The element count is 0, so the byte count never overflows.
    let header =
      #"{"z":{"dtype":"F32","shape":[4611686018427387904,0],"#
      + #""data_offsets":[0,0]}}"#
    let file = try SafetensorsFile(
      data: TestSupport.file(header), source: "zero")
    #expect(try file.floats(of: "z") == [])
  }

  @Test func everyDTypeWithItsSize() throws {
    // Element sizes as the safetensors format defines them.
    let sizes: KeyValuePairs<String, Int> = [
      "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1, "U16": 2,
      "I16": 2, "F16": 2, "BF16": 2, "U32": 4, "I32": 4, "F32": 4, "U64": 8,
      "I64": 8, "F64": 8,
    ]
    var entries: [String] = []
    var offset = 0
    for (name, size) in sizes {
      entries.append(
        #""\#(name)":{"dtype":"\#(name)","shape":[3],"#
          + #""data_offsets":[\#(offset),\#(offset + 3 * size)]}"#)
      offset += 3 * size
    }
    let file = try SafetensorsFile(
      data: TestSupport.file(
        "{" + entries.joined(separator: ",") + "}", dataCount: offset),
      source: "all")
    #expect(file.tensors.count == DType.allCases.count)
    for (name, size) in sizes {
      let info = try #require(file.tensor(named: name))
      #expect(info.dtype.rawValue == name)
      #expect(info.dtype.byteCount == size)
      #expect(info.elementCount == 3)
      let floating = ["F16", "BF16", "F32", "F64"].contains(name)
      #expect(info.dtype.isConvertibleToFloatingPoint == floating)
      if !floating {
        #expect(throws: SafetensorsError.self) { try file.floats(of: name) }
      }
    }
  }

  @Test func halfAndBFloatSpecialValues() throws {
    // Bit patterns with known values (IEEE 754 binary16; bfloat16 is the
    // upper half of binary32).
    let half: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x7C00, 0xFC00]
    let halfValues = [1, -2, 65504, 0x1p-24, .infinity, -.infinity]
    let brain: [UInt16] = [0x3F80, 0xC000, 0x4780, 0x0001, 0x7F80, 0x8000]
    let brainValues = [1, -2, 65536, 0x1p-133, .infinity, -0.0]
    let header =
      #"{"h":{"dtype":"F16","shape":[7],"data_offsets":[0,14]},"#
      + #""b":{"dtype":"BF16","shape":[7],"data_offsets":[14,28]}}"#
    let data =
      (half + [0x7E00] + brain + [0x7FC0]).flatMap { littleEndian($0) }
    let file = try SafetensorsFile(
      data: TestSupport.file(header: Array(header.utf8)) + Data(data),
      source: "special")
    let h = try file.doubles(of: "h")
    let b = try file.doubles(of: "b")
    #expect(Array(h.prefix(6)) == halfValues)
    #expect(Array(b.prefix(6)) == brainValues)
    #expect(b[5].sign == .minus)
    #expect(h[6].isNaN && b[6].isNaN)
    #expect(try file.floats(of: "b").prefix(6).map(Double.init) == brainValues)
  }

  @Test func dataSliceWithOffsetIndices() throws {
    let whole = Data([1, 2, 3]) + TestSupport.file("{}")
    let slice = whole.dropFirst(3)
    #expect(slice.startIndex == 3)
    #expect(try SafetensorsFile(data: slice, source: "slice").tensors.isEmpty)
  }
}
