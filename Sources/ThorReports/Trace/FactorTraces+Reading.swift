import Foundation
import ThorFormats
import ThorSafetensors

extension FactorTraces {
  /// Reads the factor traces of the dump at `url`.
  ///
  /// The step comes from the `step` metadata entry, else from the file
  /// name (`…-step000120.safetensors`, or its last number). Tensors named
  /// `<layer>.A` / `<layer>.G` must be square 2-D with a finite diagonal;
  /// other tensors are ignored. Only the diagonal enters the trace.
  /// - Throws: ``ReportError/invalidDump(file:reason:)``.
  package static func read(_ url: URL) throws(ReportError) -> FactorTraces {
    let source = url.relativePath
    let file: SafetensorsFile
    do {
      file = try SafetensorsFile(contentsOf: url)
    } catch {
      throw .invalidDump(file: source, reason: error.description)
    }
    let step = try step(of: file, name: url.lastPathComponent)
    var layers: [String: Layer] = [:]
    var order: [String] = []
    for tensor in file.tensors {
      let name = tensor.name
      guard let (layer, kind) = FactorKind.parse(name) else { continue }
      guard tensor.shape.count == 2, tensor.shape[0] == tensor.shape[1] else {
        throw .invalidDump(
          file: source,
          reason: "tensor \(name): expected a square 2-D factor, got shape "
            + "[\(tensor.shape.map(String.init).joined(separator: ", "))]")
      }
      let trace = try diagonalSum(of: name, dim: tensor.shape[0], in: file)
      if layers[layer] == nil { order.append(layer) }
      var entry = layers[layer] ?? Layer()
      if kind == .a {
        entry.traceA = trace
        entry.dimA = tensor.shape[0]
      } else {
        entry.traceG = trace
        entry.dimG = tensor.shape[0]
      }
      layers[layer] = entry
    }
    guard !layers.isEmpty else {
      throw .invalidDump(
        file: source, reason: "no factors named <layer>.A or <layer>.G")
    }
    return FactorTraces(
      step: step, source: source, layers: layers, order: order)
  }

  private static func diagonalSum(
    of name: String, dim: Int, in file: SafetensorsFile
  ) throws(ReportError) -> Double {
    let values: [Double]
    do {
      values = try file.doubles(of: name)
    } catch {
      throw .invalidDump(file: file.source, reason: error.description)
    }
    var sum = 0.0
    for i in 0..<dim {
      let value = values[i * dim + i]
      guard value.isFinite else {
        throw .invalidDump(
          file: file.source,
          reason: "tensor \(name): non-finite diagonal element at [\(i), "
            + "\(i)]")
      }
      sum += value
    }
    return sum
  }

  /// The step from the `step` metadata, else the file name's step number.
  static func step(of file: SafetensorsFile, name: String)
    throws(ReportError) -> Int
  {
    if let text = file.metadata[FactorDumpFormat.MetadataKey.step] {
      guard let step = Int(text), step >= 0 else {
        throw .invalidDump(
          file: file.source,
          reason: "metadata 'step' is '\(text)', expected a non-negative "
            + "integer")
      }
      return step
    }
    if let step = stepInFileName(name) { return step }
    throw .invalidDump(
      file: file.source,
      reason: "no step: the dump has no 'step' metadata and its name has no "
        + "number (e.g. dump-step000120.safetensors)")
  }

  /// The number after `step` in a file name, else its last number.
  static func stepInFileName(_ name: String) -> Int? {
    let stem = name.split(separator: ".").first.map(String.init) ?? name
    var runs: [(start: String.Index, digits: String)] = []
    var index = stem.startIndex
    while index < stem.endIndex {
      if stem[index].isASCII, stem[index].isNumber {
        let start = index
        while index < stem.endIndex, stem[index].isASCII,
          stem[index].isNumber
        {
          index = stem.index(after: index)
        }
        runs.append((start, String(stem[start..<index])))
      } else {
        index = stem.index(after: index)
      }
    }
    let afterStep = runs.first {
      stem[..<$0.start].lowercased().hasSuffix("step")
    }
    return (afterStep ?? runs.last).flatMap { Int($0.digits) }
  }

  /// Reads dumps from files and folders (a folder contributes its
  /// `.safetensors` files), ordered by step.
  /// - Throws: ``ReportError``, also for two dumps of one step.
  package static func load(paths: [String]) throws(ReportError)
    -> [FactorTraces]
  {
    var urls: [URL] = []
    for path in paths {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
      else {
        throw .invalidDump(file: path, reason: "no such file or folder")
      }
      guard isFolder.boolValue else {
        urls.append(URL(fileURLWithPath: path))
        continue
      }
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: path)
      } catch {
        throw .invalidDump(file: path, reason: error.localizedDescription)
      }
      let dumps = names.filter { $0.hasSuffix(".safetensors") }.sorted()
      guard !dumps.isEmpty else {
        throw .invalidDump(file: path, reason: "no .safetensors files")
      }
      let folder = URL(fileURLWithPath: path)
      urls += dumps.map { folder.appendingPathComponent($0) }
    }
    var traces: [FactorTraces] = []
    for url in urls { traces.append(try read(url)) }
    traces.sort { $0.step < $1.step }
    for (a, b) in zip(traces, traces.dropFirst()) where a.step == b.step {
      throw .duplicateStep(step: a.step, files: [a.source, b.source])
    }
    return traces
  }
}
