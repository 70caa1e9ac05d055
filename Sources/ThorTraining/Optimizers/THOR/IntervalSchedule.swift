import Foundation

/// The inverse-update interval as a step function of the epoch: THOR's
/// growing interval (`0:10,2:50,5:200`: every 10 steps from epoch 0,
/// every 50 from epoch 2, every 200 from epoch 5) or K-FAC's fixed one.
///
/// Epochs are 0-based here, as in the paper's schedules (`e = 0` is the
/// first epoch).
package struct IntervalSchedule: Sendable, Equatable,
  CustomStringConvertible
{
  /// One step of the schedule: from `epoch` on, update every `interval`.
  package struct Entry: Sendable, Equatable {
    package var epoch: Int
    package var interval: Int

    package init(epoch: Int, interval: Int) {
      self.epoch = epoch
      self.interval = interval
    }
  }

  /// The entries, by increasing epoch; the first starts at epoch 0.
  package let entries: [Entry]

  /// THOR's default: every 10 steps from epoch 0, 50 from epoch 2, 200
  /// from epoch 5.
  package static let growing = IntervalSchedule(
    validEntries: [
      Entry(epoch: 0, interval: 10), Entry(epoch: 2, interval: 50),
      Entry(epoch: 5, interval: 200),
    ])

  /// Entries known to start at epoch 0 with increasing epochs.
  private init(validEntries: [Entry]) {
    entries = validEntries
  }

  /// A fixed interval for the whole run.
  package init(fixed interval: Int) {
    precondition(interval >= 1, "interval must be at least 1")
    entries = [Entry(epoch: 0, interval: interval)]
  }

  /// Creates a schedule from entries (sorted, starting at epoch 0, each
  /// interval at least 1).
  /// - Throws: ``SecondOrderError`` naming the offending entry.
  package init(entries: [Entry]) throws(SecondOrderError) {
    guard let first = entries.first else { throw Self.invalid("empty") }
    guard first.epoch == 0 else {
      throw Self.invalid(
        "the first entry must be at epoch 0, got "
          + "\(first.epoch):\(first.interval)")
    }
    for (k, entry) in entries.enumerated() {
      guard entry.interval >= 1 else {
        throw Self.invalid(
          "interval must be at least 1 in "
            + "'\(entry.epoch):\(entry.interval)'")
      }
      if k > 0 && entry.epoch <= entries[k - 1].epoch {
        throw Self.invalid(
          "epochs must increase, but \(entry.epoch) follows "
            + "\(entries[k - 1].epoch)")
      }
    }
    self.entries = entries
  }

  /// Parses `N` (fixed) or `E:N,E:N,…` (epoch:interval pairs).
  /// - Throws: ``SecondOrderError`` quoting the text that is wrong.
  package init(parsing text: String) throws(SecondOrderError) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let fixed = Int(trimmed) {
      guard fixed >= 1 else {
        throw Self.invalid("must be at least 1, got \(fixed)")
      }
      self.init(fixed: fixed)
      return
    }
    var parsed: [Entry] = []
    for part in trimmed.split(separator: ",", omittingEmptySubsequences: false)
    {
      let pair = part.split(separator: ":", omittingEmptySubsequences: false)
      guard pair.count == 2,
        let epoch = Int(pair[0].trimmingCharacters(in: .whitespaces)),
        let interval = Int(pair[1].trimmingCharacters(in: .whitespaces)),
        epoch >= 0
      else {
        throw Self.invalid(
          "expected EPOCH:INTERVAL, got '\(part)' in '\(text)' "
            + "(example: 0:10,2:50,5:200)")
      }
      parsed.append(Entry(epoch: epoch, interval: interval))
    }
    try self.init(entries: parsed)
  }

  private static func invalid(_ reason: String) -> SecondOrderError {
    .invalidOption(what: "inverse-update interval", reason: reason)
  }

  /// The interval in force during 0-based `epoch`.
  package func interval(atEpoch epoch: Int) -> Int {
    entries.last(where: { $0.epoch <= epoch })?.interval ?? entries[0].interval
  }

  /// Whether an inverse update is due at `step` (counted across epochs) of
  /// 0-based `epoch`, the last one having been at `lastUpdate`: at the
  /// first step, then once the epoch's interval has passed.
  package func isDue(step: Int, epoch: Int, lastUpdate: Int?) -> Bool {
    lastUpdate.map { step - $0 >= interval(atEpoch: epoch) } ?? true
  }

  /// The inverse updates in each of `epochs` epochs of `stepsPerEpoch`
  /// steps, by ``isDue(step:epoch:lastUpdate:)``.
  package func updatesPerEpoch(stepsPerEpoch: Int, epochs: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: epochs)
    var last: Int?
    for epoch in 0..<epochs {
      for step in epoch * stepsPerEpoch..<(epoch + 1) * stepsPerEpoch
      where isDue(step: step, epoch: epoch, lastUpdate: last) {
        counts[epoch] += 1
        last = step
      }
    }
    return counts
  }

  /// The schedule in the syntax ``init(parsing:)`` reads.
  package var description: String {
    if entries.count == 1 { return String(entries[0].interval) }
    return entries.map { "\($0.epoch):\($0.interval)" }.joined(separator: ",")
  }
}
