import Foundation
import Testing

/// One malformed file, what is wrong with it, and a fragment the reader's
/// error message must contain.
struct MalformedCase: Sendable, CustomTestStringConvertible {
  let summary: String
  let bytes: Data
  let fragment: String
  var testDescription: String { summary }
}

/// Malformed files built byte by byte, covering every rule of the reader.
enum MalformedCorpus {
  /// A tensor entry with the given JSON fields, written as text.
  static func entry(
    dtype: String = #""F32""#, shape: String = "[2]",
    offsets: String = "[0,8]"
  ) -> String {
    #"{"dtype":\#(dtype),"shape":\#(shape),"data_offsets":\#(offsets)}"#
  }

  private static func bad(
    _ summary: String, _ header: String, data: Int = 8, _ fragment: String
  ) -> MalformedCase {
    MalformedCase(
      summary: summary, bytes: TestSupport.file(header, dataCount: data),
      fragment: fragment)
  }

  private static func bad(
    _ summary: String, bytes: Data, _ fragment: String
  ) -> MalformedCase {
    MalformedCase(summary: summary, bytes: bytes, fragment: fragment)
  }

  private static let valid = #"{"w":\#(entry())}"#

  static let framing: [MalformedCase] = [
    bad("empty file", bytes: Data(), "file is 0 bytes, too short"),
    bad(
      "7 bytes, shorter than the length prefix",
      bytes: Data([2, 0, 0, 0, 0, 0, 0]), "file is 7 bytes, too short"),
    bad(
      "header length runs past the end of the file",
      bytes: TestSupport.file(header: Array("{}".utf8), headerLength: 100),
      "header length 100 runs past the end of the file (10 bytes"),
    bad(
      "header length just over the 100 MB cap",
      bytes: TestSupport.file(header: [], headerLength: 100_000_001),
      "header length 100000001 exceeds the limit of 100000000 bytes"),
    bad(
      "header length 2^64 - 1 (8 + n would overflow)",
      bytes: TestSupport.file(header: [], headerLength: .max),
      "header length 18446744073709551615 exceeds the limit"),
    bad(
      "header is not UTF-8",
      bytes: TestSupport.file(
        header: Array(#"{"w"#.utf8) + [0xFF] + Array(#"":{}}"#.utf8)),
      "header is not valid UTF-8 at header byte 3"),
    bad(
      "header truncated in the middle of UTF-8",
      bytes: TestSupport.file(header: Array(#"{"é"#.utf8).dropLast()),
      "header is not valid UTF-8 at header byte 2"),
  ]

  static let json: [MalformedCase] = [
    bad("not JSON at all", "dtype=F32", data: 0, "unexpected character 'd'"),
    bad(
      "missing colon", #"{"w" \#(entry())}"#,
      "expected ':' after an object key at header byte 5"),
    bad(
      "header cut short", #"{"w":{"dtype":"F32""#, data: 0,
      "expected ',' or '}' in an object"),
    bad(
      "trailing comma", #"{"w":\#(entry()),}"#, "expected a string key"),
    bad(
      "padded with NUL bytes instead of spaces", valid + "\0\0\0",
      "unexpected data after JSON"),
    bad(
      "two JSON values", valid + "{}", "unexpected data after JSON"),
    bad(
      "single-quoted key", "{'w':\(entry())}", "expected a string key"),
    bad(
      "unescaped newline in a name", "{\"a\nb\":\(entry())}",
      "unescaped control character 0xA in string"),
    bad(
      "lone surrogate escape", #"{"\ud800":\#(entry())}"#,
      "lone leading surrogate"),
    bad(
      "invalid escape", #"{"\x41":\#(entry())}"#, #"invalid escape \'x'"#),
    bad(
      "leading zero in a number", #"{"w":\#(entry(shape: "[02]"))}"#,
      "expected ',' or ']' in an array"),
    bad(
      "nesting 200 levels deep",
      #"{"w":"# + String(repeating: "[", count: 200)
        + String(repeating: "]", count: 200) + "}",
      "nesting deeper than 128 levels"),
    bad("header is an array", "[]", data: 0, "header is an array, expected"),
    bad(
      "header is a string", #""w""#, data: 0,
      #"header is "w", expected a JSON object"#),
  ]

  static let entries: [MalformedCase] = [
    bad(
      "entry is an array", #"{"w":[0,8]}"#,
      "tensor 'w': entry is an array, expected an object"),
    bad(
      "missing dtype", #"{"w":{"shape":[2],"data_offsets":[0,8]}}"#,
      "tensor 'w': missing field 'dtype'"),
    bad(
      "missing shape", #"{"w":{"dtype":"F32","data_offsets":[0,8]}}"#,
      "tensor 'w': missing field 'shape'"),
    bad(
      "missing data_offsets", #"{"w":{"dtype":"F32","shape":[2]}}"#,
      "tensor 'w': missing field 'data_offsets'"),
    bad(
      "unknown field", #"{"w":{"dtype":"F32","shape":[2],"offsets":[0,8]}}"#,
      "tensor 'w': unknown field 'offsets'"),
    bad(
      "field given twice",
      #"{"w":{"dtype":"F32","dtype":"F64","shape":[2],"data_offsets":[0,8]}}"#,
      "tensor 'w': field 'dtype' appears more than once"),
    bad(
      "dtype is a number", #"{"w":\#(entry(dtype: "32"))}"#,
      "tensor 'w': dtype is 32, expected a string"),
    bad(
      "dtype unknown (numpy spelling)",
      #"{"w":\#(entry(dtype: #""float32""#))}"#,
      #"tensor 'w': unknown dtype "float32" (known: BOOL"#),
    bad(
      "dtype in lower case", #"{"w":\#(entry(dtype: #""f32""#))}"#,
      #"unknown dtype "f32""#),
    bad(
      "shape is a number", #"{"w":\#(entry(shape: "2"))}"#,
      "tensor 'w': shape is 2, expected an array of non-negative integers"),
    bad(
      "negative extent", #"{"w":\#(entry(shape: "[-2]"))}"#,
      "tensor 'w': shape[0] is -2, expected a non-negative integer"),
    bad(
      "float extent", #"{"w":\#(entry(shape: "[2.0]"))}"#,
      "shape[0] is 2.0, expected a non-negative integer"),
    bad(
      "extent with exponent", #"{"w":\#(entry(shape: "[1, 2e0]"))}"#,
      "shape[1] is 2e0, expected a non-negative integer"),
    bad(
      "string extent", #"{"w":\#(entry(shape: #"["2"]"#))}"#,
      #"shape[0] is "2", expected a non-negative integer"#),
    bad(
      "boolean extent", #"{"w":\#(entry(shape: "[true, 2]"))}"#,
      "shape[0] is true, expected a non-negative integer"),
    bad(
      "null extent", #"{"w":\#(entry(shape: "[null]"))}"#,
      "shape[0] is null, expected"),
    bad(
      "nested extent", #"{"w":\#(entry(shape: "[[2]]"))}"#,
      "shape[0] is an array, expected"),
    bad(
      "extent beyond 64 bits",
      #"{"w":\#(entry(shape: "[99999999999999999999]"))}"#,
      "shape[0] is 99999999999999999999, too large"),
    bad(
      "one data offset", #"{"w":\#(entry(offsets: "[8]"))}"#,
      "data_offsets must hold 2 integers (begin, end), found 1"),
    bad(
      "three data offsets", #"{"w":\#(entry(offsets: "[0,8,8]"))}"#,
      "data_offsets must hold 2 integers (begin, end), found 3"),
    bad(
      "data_offsets as an object",
      #"{"w":\#(entry(offsets: #"{"begin":0,"end":8}"#))}"#,
      "data_offsets is an object, expected an array"),
    bad(
      "float data offset", #"{"w":\#(entry(offsets: "[0,8.0]"))}"#,
      "data_offsets[1] is 8.0, expected a non-negative integer"),
    bad(
      "negative data offset", #"{"w":\#(entry(offsets: "[-8,0]"))}"#,
      "data_offsets[0] is -8, expected a non-negative integer"),
    bad(
      "string data offsets", #"{"w":\#(entry(offsets: #"["0","8"]"#))}"#,
      #"data_offsets[0] is "0", expected"#),
    bad(
      "reversed data offsets", #"{"w":\#(entry(offsets: "[8,0]"))}"#,
      "tensor 'w': data_offsets [8, 0] end before they begin"),
  ]

  static let sizes: [MalformedCase] = [
    bad(
      "shape needs more bytes than the span",
      #"{"fc1.A":\#(entry(shape: "[3,3]", offsets: "[0,32]"))}"#, data: 32,
      "tensor 'fc1.A': shape [3, 3] of F32 needs 36 bytes but data_offsets "
        + "span 32"),
    bad(
      "span larger than the shape (F64 counted as F32)",
      #"{"w":\#(entry(dtype: #""F64""#, shape: "[2]", offsets: "[0,8]"))}"#,
      "shape [2] of F64 needs 16 bytes but data_offsets span 8"),
    bad(
      "element count overflows",
      #"{"w":\#(entry(shape: "[4294967296,4294967296]"))}"#,
      "tensor 'w': shape [4294967296, 4294967296] of F32 overflows"),
    bad(
      "byte count overflows only through the element size",
      #"{"w":\#(entry(dtype: #""F64""#, shape: "[2305843009213693952]"))}"#,
      "shape [2305843009213693952] of F64 overflows"),
    bad(
      "first tensor does not begin at 0",
      #"{"w":\#(entry(offsets: "[4,12]"))}"#, data: 12,
      "tensor 'w': data_offsets begin at 4 but the first tensor must begin "
        + "at 0 (4 unused bytes)"),
    bad(
      "gap between tensors",
      #"{"a":\#(entry()),"b":\#(entry(offsets: "[12,20]"))}"#, data: 20,
      "tensor 'b': data_offsets begin at 12 but tensor 'a' ends at 8 "
        + "(4 unused bytes)"),
    bad(
      "overlapping tensors",
      #"{"a":\#(entry()),"b":\#(entry(offsets: "[4,12]"))}"#, data: 12,
      "tensor 'b': data_offsets begin at 4, overlapping tensor 'a', which "
        + "ends at 8"),
    bad(
      "two tensors sharing the same bytes",
      #"{"a":\#(entry()),"b":\#(entry())}"#,
      "tensor 'b': data_offsets begin at 0, overlapping tensor 'a'"),
    bad(
      "empty tensor pointing past the data",
      #"{"a":\#(entry()),"z":\#(entry(shape: "[0]", offsets: "[100,100]"))}"#,
      "tensor 'z': data_offsets begin at 100 but tensor 'a' ends at 8"),
    bad(
      "trailing bytes after the data", valid, data: 12,
      "the tensors cover 8 bytes of data but the file holds 12 after the "
        + "header (4 trailing bytes)"),
    bad(
      "data beyond the end of the file", valid, data: 4,
      "the tensors need 8 bytes of data but the file holds only 4 after the "
        + "header (truncated?)"),
    bad(
      "no tensors but data bytes", "{}", data: 3, "(3 trailing bytes)"),
    bad(
      "duplicate tensor names",
      #"{"w":\#(entry()),"w":\#(entry(offsets: "[8,16]"))}"#, data: 16,
      "tensor 'w' appears more than once in the header"),
    bad(
      "duplicate names, one spelled with an escape",
      #"{"w":\#(entry()),"\u0077":\#(entry(offsets: "[8,16]"))}"#, data: 16,
      "tensor 'w' appears more than once"),
  ]

  static let metadata: [MalformedCase] = [
    bad(
      "__metadata__ is a string", #"{"__metadata__":"x","w":\#(entry())}"#,
      #"__metadata__ is "x", expected an object of strings"#),
    bad(
      "__metadata__ is an array", #"{"__metadata__":[],"w":\#(entry())}"#,
      "__metadata__ is an array, expected an object of strings"),
    bad(
      "__metadata__ with a number value",
      #"{"__metadata__":{"step":7},"w":\#(entry())}"#,
      "__metadata__ value of 'step' is 7, expected a string"),
    bad(
      "__metadata__ with a nested object",
      #"{"__metadata__":{"model":{"name":"x"}},"w":\#(entry())}"#,
      "__metadata__ value of 'model' is an object, expected a string"),
    bad(
      "__metadata__ repeats a key",
      #"{"__metadata__":{"k":"a","k":"b"},"w":\#(entry())}"#,
      "__metadata__ key 'k' appears more than once"),
    bad(
      "__metadata__ given twice",
      #"{"__metadata__":{},"__metadata__":{},"w":\#(entry())}"#,
      "__metadata__ appears more than once in the header"),
    bad(
      "a tensor named __metadata__", #"{"__metadata__":\#(entry())}"#,
      "__metadata__ value of 'shape' is an array, expected a string"),
  ]

  static let all = framing + json + entries + sizes + metadata
}
