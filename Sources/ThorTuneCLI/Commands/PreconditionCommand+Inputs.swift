import ThorFormats
import ThorLinalg
import ThorSafetensors
import ThorTraining

/// Why `thor-tune precondition` cannot use its inputs.
enum PreconditionInputError: Error, Equatable {
  /// A tensor of the gradients file is not `<layer>.gradient`.
  case notAGradient(file: String, tensor: String)
  /// The gradients file holds no gradient.
  case noGradients(file: String)
  /// The dump lacks a factor of a layer with a gradient.
  case missingFactor(file: String, tensor: String)
  /// A factor or gradient has the wrong shape.
  case wrongShape(file: String, tensor: String, found: [Int], expected: String)
  /// The dump's `damping` or `damping_form` metadata cannot be read.
  case badMetadata(file: String, key: String, value: String)
}

extension PreconditionInputError: CustomStringConvertible {
  var description: String {
    switch self {
    case .notAGradient(let file, let tensor):
      return "\(file): tensor '\(tensor)' is not named '<layer>.gradient'"
    case .noGradients(let file):
      return "\(file): no '<layer>.gradient' tensors"
    case .missingFactor(let file, let tensor):
      return "\(file): no factor '\(tensor)' for its layer's gradient"
    case .wrongShape(let file, let tensor, let found, let expected):
      let shape = found.map(String.init).joined(separator: ", ")
      return "\(file): tensor '\(tensor)' has shape [\(shape)], expected "
        + expected
    case .badMetadata(let file, let key, let value):
      let option = key == "damping" ? "damping" : "damping-form"
      return "\(file): metadata '\(key)' is '\(value)'; pass --\(option)"
    }
  }
}

extension PreconditionCommand {
  /// Every gradient of `gradients` with its layer's factors from `dump`.
  /// - Throws: ``PreconditionInputError`` or ``SafetensorsError``.
  static func layers(dump: SafetensorsFile, gradients: SafetensorsFile)
    throws -> [KFACOptimizer.LayerGradient]
  {
    let suffix = ".gradient"
    var result: [KFACOptimizer.LayerGradient] = []
    for tensor in gradients.tensors {
      guard tensor.name.hasSuffix(suffix), tensor.name.count > suffix.count
      else {
        throw PreconditionInputError.notAGradient(
          file: gradients.source, tensor: tensor.name)
      }
      let layer = String(tensor.name.dropLast(suffix.count))
      let a = try factor(
        dump, FactorDumpFormat.tensorName(layer: layer, kind: .a))
      let g = try factor(
        dump, FactorDumpFormat.tensorName(layer: layer, kind: .g))
      guard tensor.shape == [g.rows, a.rows] else {
        throw PreconditionInputError.wrongShape(
          file: gradients.source, tensor: tensor.name, found: tensor.shape,
          expected: "[\(g.rows), \(a.rows)] (d_G, d_A)")
      }
      let gradient = Matrix<Float>(
        rows: g.rows, columns: a.rows,
        rowMajor: try gradients.floats(of: tensor.name))
      result.append(
        KFACOptimizer.LayerGradient(
          factors: KroneckerFactors(layerName: layer, a: a, g: g),
          gradient: gradient))
    }
    guard !result.isEmpty else {
      throw PreconditionInputError.noGradients(file: gradients.source)
    }
    return result
  }

  private static func factor(_ dump: SafetensorsFile, _ name: String)
    throws -> Matrix<Float>
  {
    guard let tensor = dump.tensors.first(where: { $0.name == name }) else {
      throw PreconditionInputError.missingFactor(
        file: dump.source, tensor: name)
    }
    guard tensor.shape.count == 2, tensor.shape[0] == tensor.shape[1],
      tensor.shape[0] > 0
    else {
      throw PreconditionInputError.wrongShape(
        file: dump.source, tensor: name, found: tensor.shape,
        expected: "a square matrix")
    }
    let n = tensor.shape[0]
    return Matrix(rows: n, columns: n, rowMajor: try dump.floats(of: name))
  }
}
