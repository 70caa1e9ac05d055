/// What can go wrong reading a training log, naming the file and line.
package enum TrainingLogError: Error, Equatable, Sendable {
  /// A training log that cannot be read at all.
  case unreadableLog(file: String, reason: String)
  /// A training log line that is not a valid epoch record.
  case invalidLogLine(file: String, line: Int, reason: String)
  /// A training log without any epoch record.
  case emptyLog(file: String)
}

extension TrainingLogError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .unreadableLog(let file, let reason):
      "\(file): cannot read the training log: \(reason)"
    case .invalidLogLine(let file, let line, let reason):
      "\(file):\(line): \(reason)"
    case .emptyLog(let file):
      "\(file): the training log has no epoch records"
    }
  }
}
