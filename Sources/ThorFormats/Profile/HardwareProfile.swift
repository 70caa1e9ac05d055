import Foundation

/// A hardware profile: inversion time per candidate split dimension and,
/// from version 2, the per-step product time of a split factor
/// (`profiles/*.json`, format `thor-tune/profile`; README, "File formats and
/// definitions").
///
/// Profiles made elsewhere in the same format (a GPU script, a paper's
/// table) are first-class inputs: unknown fields are ignored, missing
/// required ones are an error.
package struct HardwareProfile: Codable, Sendable, Equatable {
  /// The machine a profile was measured on.
  package struct Machine: Codable, Sendable, Equatable {
    package var cpu: String
    package var cores: Int
    /// OpenBLAS's configuration string, or the library used elsewhere.
    package var blas: String
    package var threads: Int
    package var os: String

    package init(
      cpu: String, cores: Int, blas: String, threads: Int, os: String
    ) {
      self.cpu = cpu
      self.cores = cores
      self.blas = blas
      self.threads = threads
      self.os = os
    }
  }

  /// The timing of one candidate dimension.
  package struct Result: Codable, Sendable, Equatable {
    /// The matrix dimension `n` (an `n x n` inverse).
    package var dim: Int
    /// Median time of one inversion, in microseconds.
    package var medianMicroseconds: Double
    /// Fastest timed inversion, in microseconds.
    package var minMicroseconds: Double
    /// 90th percentile of the timed inversions, in microseconds.
    package var p90Microseconds: Double
    /// Timed inversions behind the figures; 0 when not known (a profile
    /// transcribed from a table).
    package var repeats: Int
    /// `n³` floating-point operations (the convention for an inverse:
    /// `potrf` n³/3 + `potri` 2n³/3) divided by the median time, in 10⁹/s.
    package var gflops: Double

    package init(
      dim: Int, medianMicroseconds: Double, minMicroseconds: Double,
      p90Microseconds: Double, repeats: Int, gflops: Double
    ) {
      self.dim = dim
      self.medianMicroseconds = medianMicroseconds
      self.minMicroseconds = minMicroseconds
      self.p90Microseconds = p90Microseconds
      self.repeats = repeats
      self.gflops = gflops
    }

    enum CodingKeys: String, CodingKey {
      case dim, repeats, gflops
      case medianMicroseconds = "median_us"
      case minMicroseconds = "min_us"
      case p90Microseconds = "p90_us"
    }
  }

  /// The format tag every profile carries.
  package static let formatName = "thor-tune/profile"
  /// The format version this build writes.
  package static let formatVersion = 2
  /// The versions this build reads: version 1 has no ``products``.
  package static let readableVersions = 1...2

  package var format: String
  package var version: Int
  package var machine: Machine
  /// How the blocks were inverted (`cholesky`, `lu` or `eigh`).
  package var method: InversionMethod
  /// The precision (`float32` or `float64`).
  package var dtype: Precision
  /// The options that produced the profile, as strings.
  package var options: [String: String]
  /// ISO 8601 creation time.
  package var created: String
  /// One entry per candidate dimension, ascending by `dim`.
  package var results: [Result]
  /// Per-step product times per block (version 2; `nil` in version 1,
  /// whose cost model then prices inversions only).
  package var products: [Product]?
  /// Free text about where the numbers come from (optional).
  package var source: String?

  package init(
    machine: Machine, method: InversionMethod, dtype: Precision,
    options: [String: String], created: String, results: [Result],
    products: [Product]? = nil, source: String? = nil
  ) {
    format = Self.formatName
    version = Self.formatVersion
    self.machine = machine
    self.method = method
    self.dtype = dtype
    self.options = options
    self.created = created
    self.results = results
    self.products = products
    self.source = source
  }
}

extension HardwareProfile {
  enum CodingKeys: String, CodingKey {
    case format, version, machine, method, dtype, options, created, results
    case products, source
  }

  /// Decodes every field; an unknown `method` or `dtype` is named with
  /// the values this build knows.
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    format = try c.decode(String.self, forKey: .format)
    version = try c.decode(Int.self, forKey: .version)
    machine = try c.decode(Machine.self, forKey: .machine)
    method = try Self.decodeName(InversionMethod.self, .method, in: c)
    dtype = try Self.decodeName(Precision.self, .dtype, in: c)
    options = try c.decode([String: String].self, forKey: .options)
    created = try c.decode(String.self, forKey: .created)
    results = try c.decode([Result].self, forKey: .results)
    products = try c.decodeIfPresent([Product].self, forKey: .products)
    source = try c.decodeIfPresent(String.self, forKey: .source)
  }

  private static func decodeName<T>(
    _ type: T.Type, _ key: CodingKeys,
    in c: KeyedDecodingContainer<CodingKeys>
  ) throws -> T
  where T: RawRepresentable & CaseIterable, T.RawValue == String {
    let text = try c.decode(String.self, forKey: key)
    guard let value = T(rawValue: text) else {
      throw JSONProblem.invalidValue(
        path: key.stringValue,
        reason: "is '\(text)', expected one of "
          + T.allCases.map(\.rawValue).joined(separator: ", "))
    }
    return value
  }
}
