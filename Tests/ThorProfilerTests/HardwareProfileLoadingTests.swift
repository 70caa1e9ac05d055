import Foundation
import Testing
import ThorFormats

@testable import ThorProfiler

@Suite("Profile loading") struct HardwareProfileLoadingTests {
  static let paperURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("../../profiles/ascend910-paper.json")
    .standardized

  /// Table 1 of the paper: the profiled dimensions and their median
  /// inversion times, µs.
  static let tableOneDims = [1, 16, 32, 64, 128, 256, 512, 1024, 2048]
  static let tableOneMedians: [Double] = [
    35, 59, 83, 121, 212, 534, 1418, 3738, 9824,
  ]

  /// The paper profile as a mutable JSON object.
  func paperJSON() throws -> [String: Any] {
    let data = try Data(contentsOf: Self.paperURL)
    return try #require(
      try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  func decode(_ object: [String: Any]) throws(ProfileError) -> HardwareProfile {
    let data = try! JSONSerialization.data(withJSONObject: object)
    return try HardwareProfile.decode(data, file: "p.json")
  }

  func editingResult(_ k: Int, _ edit: (inout [String: Any]) -> Void) throws
    -> [String: Any]
  {
    var json = try paperJSON()
    var results = try #require(json["results"] as? [[String: Any]])
    edit(&results[k])
    json["results"] = results
    return json
  }

  @Test func shippedPaperProfileMatchesTableOne() throws {
    let profile = try HardwareProfile.load(from: Self.paperURL)
    #expect(profile.results.map(\.dim) == Self.tableOneDims)
    #expect(
      profile.results.map(\.medianMicroseconds) == Self.tableOneMedians)
    #expect(profile.source?.contains("Table 1") == true)
  }

  @Test func everyShippedProfileLoads() throws {
    let folder = Self.paperURL.deletingLastPathComponent()
    let files = try FileManager.default.contentsOfDirectory(
      atPath: folder.path
    ).filter { $0.hasSuffix(".json") }
    #expect(files.count >= 2)
    for file in files {
      let profile = try HardwareProfile.load(
        from: folder.appendingPathComponent(file))
      #expect(!profile.results.isEmpty)
    }
  }

  @Test func unknownFieldsAreIgnored() throws {
    var json = try editingResult(0) { $0["device"] = "npu" }
    json["comment"] = ["free": "text"]
    #expect(try decode(json).results.count == 9)
  }

  @Test func missingFieldIsNamed() throws {
    let json = try editingResult(2) { $0["median_us"] = nil }
    #expect(
      throws: ProfileError.missingField(
        file: "p.json", field: "results[2].median_us")
    ) { try decode(json) }
    var noMachine = try paperJSON()
    noMachine["machine"] = nil
    #expect(
      throws: ProfileError.missingField(
        file: "p.json", field: "machine")
    ) { try decode(noMachine) }
  }

  @Test func wrongFormatAndVersionAreNamed() throws {
    var json = try paperJSON()
    json["format"] = "thor-tune/plan"
    #expect(
      throws: ProfileError.wrongFormat(
        file: "p.json", found: "thor-tune/plan")
    ) { try decode(json) }
    json["format"] = "thor-tune/profile"
    json["version"] = 3
    #expect(
      throws: ProfileError.unsupportedVersion(
        file: "p.json", found: 3)
    ) { try decode(json) }
  }

  /// A product timing as JSON.
  static func product(_ factor: String, _ dim: Int, _ other: Int, _ us: Double)
    -> [String: Any]
  {
    [
      "factor": factor, "dim": dim, "other": other, "median_us": us,
      "min_us": us, "p90_us": us, "repeats": 5,
    ]
  }

  @Test func versionOneHasNoProductsAndVersionTwoSortsThem() throws {
    var json = try paperJSON()
    #expect(try decode(json).products == nil)
    json["products"] = [Self.product("A", 16, 8, 2)]
    #expect(
      throws: ProfileError.invalidValue(
        file: "p.json", field: "products",
        reason: "needs version 2 (the file says version 1)")
    ) {
      try decode(json)
    }
    json["version"] = 2
    json["products"] = [
      Self.product("G", 16, 8, 4), Self.product("A", 32, 8, 3),
      Self.product("A", 16, 64, 5), Self.product("A", 16, 8, 2),
    ]
    let products = try #require(try decode(json).products)
    #expect(products.map(\.medianMicroseconds) == [2, 3, 5, 4])
  }

  @Test func badProductsAreNamed() throws {
    var json = try paperJSON()
    json["version"] = 2
    json["products"] = [
      Self.product("A", 16, 8, 2), Self.product("A", 16, 8, 3),
    ]
    #expect(
      throws: ProfileError.invalidValue(
        file: "p.json", field: "products[1]",
        reason: "repeats products[0] (factor A, dim 16, other 8); each must "
          + "appear once")
    ) { try decode(json) }
    json["products"] = [Self.product("A", 16, 1 << 40, 2)]
    #expect(
      throws: ProfileError.invalidValue(
        file: "p.json", field: "products[0].other",
        reason: "is \(1 << 40); it must be between 1 and 1048576")
    ) {
      try decode(json)
    }
    json["products"] = [Self.product("B", 16, 8, 2)]
    #expect(throws: ProfileError.self) { try decode(json) }
  }

  @Test func resultsInAnyOrderAreSorted() throws {
    var json = try paperJSON()
    let results = try #require(json["results"] as? [[String: Any]])
    json["results"] =
      [results[4], results[0], results[8]] + results[5...7]
      + [results[2], results[1], results[3]]
    let profile = try decode(json)
    #expect(profile.results.map(\.dim) == Self.tableOneDims)
    // Each timing stays with its own dimension (Table 1 of the paper).
    #expect(
      profile.results.map(\.medianMicroseconds) == Self.tableOneMedians)
  }

  @Test(arguments: [
    ("method", "qr", "cholesky, lu, eigh"),
    ("dtype", "float16", "float32, float64"),
  ])
  func unknownNamesListTheKnownOnes(
    field: String, value: String, known: String
  ) throws {
    var json = try paperJSON()
    json[field] = value
    #expect(
      throws: ProfileError.invalidValue(
        file: "p.json", field: field,
        reason: "is '\(value)', expected one of \(known)")
    ) { try decode(json) }
  }

  @Test func duplicateDimsAreRejected() throws {
    let json = try editingResult(6) { $0["dim"] = 32 }
    #expect(
      throws: ProfileError.invalidValue(
        file: "p.json", field: "results[6].dim",
        reason: "is 32, which results[2] already holds; each dimension must "
          + "appear once")
    ) { try decode(json) }
  }

  @Test func impossibleDimsAreRejected() throws {
    let json = try editingResult(8) { $0["dim"] = 1 << 62 }
    #expect(
      throws: ProfileError.invalidValue(
        file: "p.json", field: "results[8].dim",
        reason: "is \(1 << 62), above 1048576: a matrix that size would not "
          + "fit in any machine's memory")
    ) { try decode(json) }
  }

  @Test func badTimesAndTypesAreRejected() throws {
    let zero = try editingResult(1) {
      $0["min_us"] = 0.0
    }
    #expect(
      throws: ProfileError.invalidValue(
        file: "p.json", field: "results[1].min_us",
        reason: "must be positive and finite (is 0.0)")
    ) { try decode(zero) }
    let text = try editingResult(4) { $0["dim"] = "128" }
    #expect(
      throws: ProfileError.wrongType(
        file: "p.json", field: "results[4].dim", expected: "an integer")
    ) {
      try decode(text)
    }
  }

  @Test func notJSONAndMissingFileAreReported() {
    #expect(throws: ProfileError.self) {
      try HardwareProfile.decode(Data("{".utf8), file: "x.json")
    }
    do {
      _ = try HardwareProfile.load(
        from: URL(fileURLWithPath: "/nonexistent/p.json"))
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("/nonexistent/p.json"))
    }
  }
}
