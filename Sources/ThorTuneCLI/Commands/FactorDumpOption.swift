/// `train --dump-factors` and when to write (`--dump-at`, `--dump-every`).
struct FactorDumpOption: Equatable {
  var path: String
  var atStep: Int?
  /// 1-based epoch whose end to dump at.
  var atEpoch: Int?
  var every: Int?

  /// The dump the options ask for; `nil` without `--dump-factors`.
  /// - Throws: ``CommandLineError`` for a `--dump-at` that is neither a
  ///   step nor `epoch:N`.
  static func parse(_ arguments: ParsedArguments)
    throws(CommandLineError) -> FactorDumpOption?
  {
    let path: String? = try arguments.optionalValue("dump-factors")
    let at: String? = try arguments.optionalValue("dump-at")
    let every = try arguments.optionalValue(
      "dump-every", where: { $0 > 0 }, "must be positive")
    guard let path else { return nil }
    var dump = FactorDumpOption(path: path, every: every)
    guard let at else { return dump }
    if at.hasPrefix("epoch:"), let n = Int(at.dropFirst(6)), n >= 1 {
      dump.atEpoch = n
    } else if let step = Int(at), step >= 0 {
      dump.atStep = step
    } else {
      throw arguments.invalid(
        "dump-at", at, "expected a step (0, 1, ...) or epoch:N (N >= 1)")
    }
    return dump
  }
}
