extension ReportCommand: RenderableCommand {
  /// The words (after `report`) that parse to this command: one `--log`
  /// per log, so that no path is split at a comma.
  var renderedWords: [String] {
    logs.flatMap { ["--log", $0] }
      + Self.words([
        ("label", labels.isEmpty ? nil : labels.joined(separator: ",")),
        ("thresholds", thresholds.map { "\($0)" }.joined(separator: ",")),
        ("dumps", dumps.isEmpty ? nil : dumps.joined(separator: ",")),
        ("damping", "\(damping)"),
        ("out", outOption),
      ])
  }
}
