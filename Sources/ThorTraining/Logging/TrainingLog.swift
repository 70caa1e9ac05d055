import Foundation
import ThorFormats

/// The epoch records of a run as JSON Lines: one compact JSON object per
/// line, keys sorted, in epoch order.
package struct TrainingLog: Sendable {
  package private(set) var records: [EpochRecord] = []

  package init() {}

  package mutating func append(_ record: EpochRecord) {
    records.append(record)
  }

  /// The whole log; rewrite the file with it (atomically) after each epoch
  /// so it always holds every complete epoch.
  package func jsonLines() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var data = Data()
    for record in records {
      data.append(try encoder.encode(record))
      data.append(UInt8(ascii: "\n"))
    }
    return data
  }
}
