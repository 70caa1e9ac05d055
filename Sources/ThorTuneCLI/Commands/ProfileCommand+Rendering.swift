import ThorProfiler

extension ProfileCommand: RenderableCommand {
  /// The words (after `profile`) that parse to this command.
  var renderedWords: [String] {
    let c = configuration
    return Self.words(
      [
        ("dims", c.dims.map(String.init).joined(separator: ",")),
        ("method", c.method.rawValue),
        ("dtype", c.precision.rawValue),
        ("path", c.path.rawValue),
        ("factor-dim", "\(c.factorDimension)"),
        ("threads", "\(threads)"),
        ("min-time", "\(c.minTime)"),
        ("repeats", "\(c.maxRepeats)"),
        ("warmup", "\(c.warmup)"),
        (
          "product-others",
          products.others.map(String.init).joined(separator: ",")
        ),
        ("product-min-time", "\(products.minTime)"),
        ("seed", "\(c.seed)"),
        ("out", out),
      ], always: ["threads"])
  }
}
