import ThorFormats

/// One training run for the report: its epoch records and a label.
package struct TrainingRun: Sendable, Equatable {
  /// The name the run has in tables and legends.
  package var label: String
  /// The log file it was read from.
  package var source: String
  /// Epoch records in epoch order.
  package var records: [EpochRecord]

  package init(label: String, source: String, records: [EpochRecord]) {
    self.label = label
    self.source = source
    self.records = records
  }

  /// Default labels: the optimizer, with the log's file name added where
  /// two runs would otherwise share a label.
  package static func defaultLabels(
    for logs: [(source: String, records: [EpochRecord])]
  ) -> [String] {
    let optimizers = logs.map { $0.records.first?.optimizer ?? "run" }
    var labels = optimizers.enumerated().map { index, optimizer in
      optimizers.filter { $0 == optimizer }.count == 1
        ? optimizer
        : "\(optimizer) (\(fileName(logs[index].source)))"
    }
    for index in labels.indices {
      let earlier = labels[..<index].filter { $0 == labels[index] }.count
      if earlier > 0 { labels[index] += " #\(earlier + 1)" }
    }
    return labels
  }

  private static func fileName(_ path: String) -> String {
    String(path.split(separator: "/").last ?? Substring(path))
  }
}
