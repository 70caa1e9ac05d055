import Foundation

/// Reads training logs (`--log run.jsonl`: one ``EpochRecord`` per line)
/// with errors that name the file, the line and what is wrong.
package enum TrainingLogReader {
  /// Reads and checks the log at `url`; errors name it `url.relativePath`.
  /// - Throws: ``TrainingLogError``.
  package static func read(_ url: URL)
    throws(TrainingLogError) -> [EpochRecord]
  {
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw .unreadableLog(file: url.relativePath, reason: "no such file")
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .unreadableLog(
        file: url.relativePath, reason: error.localizedDescription)
    }
    return try parse(data, file: url.relativePath)
  }

  /// Parses a log: blank lines are skipped; every other line must be a
  /// complete record of the same run (`model`, `optimizer`, `seed`), with
  /// epochs increasing and training time not going back.
  /// - Throws: ``TrainingLogError``.
  package static func parse(_ data: Data, file: String)
    throws(TrainingLogError) -> [EpochRecord]
  {
    guard let text = String(data: data, encoding: .utf8) else {
      throw .unreadableLog(file: file, reason: "not UTF-8 text")
    }
    var records: [EpochRecord] = []
    var firstLine = 0
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      let number = index + 1
      if line.allSatisfy(\.isWhitespace) { continue }
      let record: EpochRecord
      do {
        record = try VersionedJSON.decode(
          EpochRecord.self, from: Data(line.utf8))
      } catch {
        throw .invalidLogLine(
          file: file, line: number, reason: describe(error))
      }
      if let first = records.first {
        try check(
          record, against: first, previous: records[records.count - 1],
          file: file, line: number, firstLine: firstLine)
      } else {
        firstLine = number
      }
      records.append(record)
    }
    guard !records.isEmpty else { throw .emptyLog(file: file) }
    return records
  }

  private static func check(
    _ record: EpochRecord, against first: EpochRecord,
    previous: EpochRecord, file: String, line: Int, firstLine: Int
  ) throws(TrainingLogError) {
    let identity: [(String, String, String)] = [
      ("model", record.model, first.model),
      ("optimizer", record.optimizer, first.optimizer),
      ("seed", String(record.seed), String(first.seed)),
    ]
    for (field, value, expected) in identity where value != expected {
      throw .invalidLogLine(
        file: file, line: line,
        reason: "\(field) '\(value)' differs from '\(expected)' on line "
          + "\(firstLine); a log holds one run")
    }
    guard record.epoch > previous.epoch else {
      throw .invalidLogLine(
        file: file, line: line,
        reason: "epoch \(record.epoch) does not follow epoch "
          + "\(previous.epoch)")
    }
    guard record.totalSeconds >= previous.totalSeconds else {
      throw .invalidLogLine(
        file: file, line: line,
        reason: "total_seconds \(record.totalSeconds) is less than "
          + "\(previous.totalSeconds) on the line before")
    }
  }

  /// A decoding problem in words: the field and what was expected.
  static func describe(_ problem: JSONProblem) -> String {
    guard case .notJSON = problem else { return problem.description }
    return "not a JSON object (a log line is one epoch record in JSON)"
  }
}
