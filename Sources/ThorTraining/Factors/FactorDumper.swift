import Foundation
import ThorFormats
import ThorSafetensors

/// Writes every layer's current Kronecker factors as a safetensors dump
/// (README, File formats: `<layer>.A`, `<layer>.G`, F32, metadata `format =
/// thor-tune/factors`, `model`, `step`, `dataset`), once or as a series.
///
/// Files are written atomically (temporary file, then rename). A series
/// (``every`` set) names each file after its step: `{step}` in ``path`` is
/// replaced by the zero-padded step, or `-step000120` goes before the
/// extension.
package final class FactorDumper {
  /// Where the dump goes (see the type's discussion for series).
  package let path: String
  /// The step after whose statistics to dump (0-based), if any.
  package let atStep: Int?
  /// Dump at the end of this 0-based epoch, if any.
  package let atEpochEnd: Int?
  /// Dump every this many steps (from step 0), if any.
  package let every: Int?
  /// Metadata written into every file besides `format` and `step`.
  package let metadata: [String: String]
  /// The files written so far.
  package private(set) var written: [String] = []
  /// Writes a finished dump to its file; by default atomically with
  /// ``SafetensorsWriter/write(to:)``. The command line sets its own
  /// atomic writer here, whose temporary file Ctrl-C also removes.
  package var writeFile: (SafetensorsWriter, URL) throws -> Void = {
    try $0.write(to: $1)
  }

  /// Creates a dumper; `metadata` should hold `model` and `dataset`.
  package init(
    path: String, atStep: Int? = nil, atEpochEnd: Int? = nil,
    every: Int? = nil, metadata: [String: String]
  ) {
    precondition(every.map { $0 >= 1 } ?? true, "dump interval below 1")
    self.path = path
    self.atStep = atStep
    self.atEpochEnd = atEpochEnd
    self.every = every
    self.metadata = metadata
  }

  /// Whether a dump is due after `step`'s statistics.
  package func isDue(step: Int) -> Bool {
    step == atStep || every.map { step % $0 == 0 } == true
  }

  /// Whether a dump is due at the end of 0-based `epoch`.
  package func isDueAtEpochEnd(epoch: Int) -> Bool { epoch == atEpochEnd }

  /// The file a dump at `step` goes to.
  package func destination(step: Int) -> String {
    guard every != nil else { return path }
    let stamp =
      String(repeating: "0", count: max(0, 6 - "\(step)".count))
      + "\(step)"
    if path.contains("{step}") {
      return path.replacingOccurrences(of: "{step}", with: stamp)
    }
    let url = URL(fileURLWithPath: path)
    let ext = url.pathExtension
    let base = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
    return base + "-step" + stamp + (ext.isEmpty ? "" : "." + ext)
  }

  /// Writes the factors that have at least one estimate; `damping` is the
  /// `λ` in force (the metadata's `damping`, which `thor-tune plan` reads).
  /// - Throws: ``SecondOrderError/dumpFailed(path:reason:)``.
  package func write(
    factors: [KroneckerFactors], step: Int, epoch: Int? = nil,
    damping: Double? = nil
  ) throws(SecondOrderError) {
    let file = destination(step: step)
    var meta = metadata
    typealias Key = FactorDumpFormat.MetadataKey
    meta[Key.format] = FactorDumpFormat.formatName
    meta[Key.step] = String(step)
    if let damping { meta[Key.damping] = String(damping) }
    if let epoch { meta[Key.epoch] = String(epoch + 1) }
    var writer = SafetensorsWriter(metadata: meta)
    let estimated = factors.filter { $0.estimateCount > 0 }
    guard !estimated.isEmpty else {
      throw .dumpFailed(path: file, reason: "no factor statistics yet")
    }
    for f in estimated {
      let a = f.symmetricA
      let g = f.symmetricG
      writer.add(
        name: FactorDumpFormat.tensorName(layer: f.layerName, kind: .a),
        shape: [a.rows, a.rows], values: a.storage)
      writer.add(
        name: FactorDumpFormat.tensorName(layer: f.layerName, kind: .g),
        shape: [g.rows, g.rows], values: g.storage)
    }
    do {
      try writeFile(writer, URL(fileURLWithPath: file))
    } catch {
      throw .dumpFailed(path: file, reason: "\(error)")
    }
    written.append(file)
  }
}
