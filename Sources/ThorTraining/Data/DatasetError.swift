/// Why a data set could not be read.
package enum DatasetError: Error, Equatable, Sendable {
  /// The file is missing or unreadable.
  case cannotOpen(path: String, reason: String)
  /// zlib reported a corrupt or truncated gzip stream.
  case decompression(path: String, reason: String)
  /// The IDX magic number is not the expected one.
  case badMagic(path: String, found: UInt32, expected: UInt32)
  /// The header declares impossible dimensions.
  case badDimensions(path: String, reason: String)
  /// The payload size disagrees with the header.
  case sizeMismatch(path: String, expectedBytes: Int, foundBytes: Int)
  /// Image and label files hold different numbers of samples.
  case countMismatch(
    images: String, imageCount: Int, labels: String, labelCount: Int)
  /// A label is not below the number of classes.
  case labelOutOfRange(path: String, index: Int, label: UInt8, classes: Int)
  /// No file of the data set was found in the folder.
  case missingFile(folder: String, name: String)
  /// The validation split would leave no training data.
  case validationTooLarge(validation: Int, trainCount: Int)
}

extension DatasetError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .cannotOpen(let p, let r): "cannot open '\(p)': \(r)"
    case .decompression(let p, let r): "cannot decompress '\(p)': \(r)"
    case .badMagic(let p, let found, let expected):
      "'\(p)' is not an IDX \(expected == Self.imageMagic ? "image" : "label")"
        + " file: magic number \(found), expected \(expected)"
    case .badDimensions(let p, let r): "'\(p)': \(r)"
    case .sizeMismatch(let p, let e, let f):
      "'\(p)': the header promises \(e) data bytes but the file holds \(f)"
        + (f < e ? " (truncated)" : " (trailing bytes)")
    case .countMismatch(let i, let ic, let l, let lc):
      "'\(i)' holds \(ic) images but '\(l)' holds \(lc) labels"
    case .labelOutOfRange(let p, let i, let l, let c):
      "'\(p)': label \(l) of sample \(i) is out of range 0..<\(c)"
    case .missingFile(let folder, let name):
      "'\(folder)' has no \(name) (nor \(name).gz)"
    case .validationTooLarge(let n, let count):
      "--validation \(n) would hold out all \(count) training images; "
        + "leave some to train on"
    }
  }

  /// Magic of IDX unsigned-byte 3-D files (images).
  static let imageMagic: UInt32 = 2051
  /// Magic of IDX unsigned-byte 1-D files (labels).
  static let labelMagic: UInt32 = 2049
}
