// swift-tools-version: 6.0
import PackageDescription

/// thor-tune: hardware-driven split planning and training for THOR.
///
/// Targets follow the data flow (README, "Layout"): the on-disk formats at
/// the bottom, linear algebra and factor I/O above them, then profiling,
/// analysis and solving on one side, training on the other, reports beside
/// them, and the command line on top. No package dependencies: the
/// system's OpenBLAS/LAPACKE, zlib and OpenSSL's libcrypto come in through
/// system-library targets.
let package = Package(
  name: "thor-tune",
  products: [
    .executable(name: "thor-tune", targets: ["thor-tune"]),
    .executable(name: "thor-bench", targets: ["thor-bench"]),
  ],
  targets: [
    .systemLibrary(
      name: "CLapack", pkgConfig: "lapacke",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "CCrypto", pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]),

    .target(name: "ThorFormats"),
    .target(name: "ThorLinalg", dependencies: ["CLapack", "ThorFormats"]),
    .target(name: "ThorSafetensors"),
    .target(name: "ThorProfiler", dependencies: ["ThorLinalg", "ThorFormats"]),
    .target(
      name: "ThorAnalysis",
      dependencies: ["ThorLinalg", "ThorSafetensors", "ThorFormats"]),
    .target(
      name: "ThorSolver",
      dependencies: ["ThorAnalysis", "ThorProfiler", "ThorFormats", "CCrypto"]),
    .target(
      name: "ThorTraining",
      dependencies: ["ThorLinalg", "ThorSafetensors", "ThorFormats", "CZlib"]),
    .target(
      name: "ThorReports", dependencies: ["ThorFormats", "ThorSafetensors"]),
    .target(
      name: "ThorTuneCLI",
      dependencies: [
        "ThorFormats", "ThorLinalg", "ThorSafetensors", "ThorProfiler",
        "ThorAnalysis", "ThorSolver", "ThorTraining", "ThorReports",
      ]),
    .executableTarget(name: "thor-tune", dependencies: ["ThorTuneCLI"]),
    .executableTarget(
      name: "thor-bench",
      dependencies: [
        "ThorFormats", "ThorLinalg", "ThorProfiler", "ThorAnalysis",
        "ThorReports", "ThorTraining", "ThorTuneCLI",
      ]),

    .testTarget(
      name: "ThorLinalgTests", dependencies: ["ThorLinalg", "ThorFormats"]),
    .testTarget(
      name: "ThorSafetensorsTests", dependencies: ["ThorSafetensors"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "ThorProfilerTests",
      dependencies: ["ThorProfiler", "ThorFormats", "ThorLinalg"]),
    .testTarget(
      name: "ThorAnalysisTests",
      dependencies: ["ThorAnalysis", "ThorLinalg", "ThorSafetensors"]),
    .testTarget(
      name: "ThorSolverTests",
      dependencies: [
        "ThorSolver", "ThorFormats", "ThorAnalysis", "ThorProfiler",
      ]),
    .testTarget(
      name: "ThorTrainingTests",
      dependencies: [
        "ThorTraining", "ThorFormats", "ThorLinalg", "ThorSafetensors",
        "CZlib",
      ]),
    .testTarget(
      name: "ThorReportsTests",
      dependencies: ["ThorReports", "ThorFormats", "ThorSafetensors"]),
    .testTarget(
      name: "ThorTuneCLITests",
      dependencies: [
        "ThorTuneCLI", "thor-tune", "ThorFormats", "ThorProfiler",
        "ThorSafetensors", "ThorSolver", "ThorTraining",
      ]),
  ]
)
