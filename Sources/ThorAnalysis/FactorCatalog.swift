import ThorFormats
import ThorSafetensors

/// The Kronecker factors of a dump, found by name and checked by shape
/// before any data is read (README, "File formats and definitions").
///
/// Tensors named `<layer>.A` or `<layer>.G` are factors; others are
/// ignored with a warning. A layer with only one factor is analysed and
/// reported with a warning.
package struct FactorCatalog: Sendable {
  /// One factor tensor.
  package struct Entry: Sendable, Equatable {
    package var layer: String
    package var kind: FactorKind
    package var tensor: TensorInfo
    /// The factor's dimension (its row count).
    package var dimension: Int { tensor.shape[0] }
    /// The tensor's name in the dump.
    package var tensorName: String { tensor.name }
  }

  /// The factors in file order.
  package let entries: [Entry]
  /// Problems that do not stop the analysis, one sentence each.
  package let warnings: [String]

  /// Finds and checks the factors of `file`.
  /// - Throws: ``FactorError`` for a factor that is not a 2-D square
  ///   floating-point tensor, or when there is no factor at all.
  package init(file: SafetensorsFile) throws(FactorError) {
    let source = file.source
    var entries: [Entry] = []
    var warnings: [String] = []
    for tensor in file.tensors {
      guard let (layer, kind) = FactorKind.parse(tensor.name) else {
        warnings.append(
          "tensor '\(tensor.name)' is not named <layer>.A or <layer>.G; "
            + "ignored")
        continue
      }
      guard tensor.shape.count == 2 else {
        throw .notTwoDimensional(
          source: source, tensor: tensor.name, shape: tensor.shape)
      }
      guard tensor.shape[0] == tensor.shape[1] else {
        throw .notSquare(
          source: source, tensor: tensor.name, rows: tensor.shape[0],
          columns: tensor.shape[1])
      }
      guard tensor.dtype.isConvertibleToFloatingPoint else {
        throw .unsupportedDType(
          source: source, tensor: tensor.name, dtype: tensor.dtype.rawValue)
      }
      entries.append(Entry(layer: layer, kind: kind, tensor: tensor))
    }
    guard !entries.isEmpty else {
      throw .noFactors(source: source, tensorCount: file.tensors.count)
    }
    var kinds: [String: Set<FactorKind>] = [:]
    for entry in entries { kinds[entry.layer, default: []].insert(entry.kind) }
    var reported = Set<String>()
    for entry in entries
    where kinds[entry.layer]!.count == 1
      && reported.insert(entry.layer)
        .inserted
    {
      let missing = entry.kind == .a ? "G" : "A"
      warnings.append(
        "layer '\(entry.layer)' has no \(missing) factor; its "
          + "\(entry.kind.rawValue) factor is analysed alone")
    }
    self.entries = entries
    self.warnings = warnings
  }

  private init(entries: [Entry], warnings: [String]) {
    self.entries = entries
    self.warnings = warnings
  }

  /// Shard `index` (from 0) of `count`: a deterministic part of the
  /// entries, in file order. Entries are dealt largest first (weight
  /// `dᵖ`, file order breaking ties) to the shard with the least weight
  /// so far (the lowest index breaking ties), so every shard gets about
  /// the same work and the shards together hold every entry once.
  /// - Parameter exponent: `p`; 3 when an `O(d³)` step dominates.
  package func shard(_ index: Int, of count: Int, exponent: Int = 2)
    -> FactorCatalog
  {
    precondition(0 <= index && index < count, "shard out of range")
    let weights = entries.map { entry in
      (0..<exponent).reduce(1.0) { w, _ in w * Double(entry.dimension) }
    }
    let order = entries.indices.sorted {
      weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1
    }
    var loads = [Double](repeating: 0, count: count)
    var mine: [Int] = []
    for k in order {
      let target = loads.indices.min { loads[$0] < loads[$1] }!
      loads[target] += weights[k]
      if target == index { mine.append(k) }
    }
    return FactorCatalog(
      entries: mine.sorted().map { entries[$0] }, warnings: warnings)
  }
}
