// swift-tools-version: 6.0
import PackageDescription

/// thor-tune: hardware-driven split planning and training for THOR.
///
/// Targets follow the data flow of DESIGN.md: linear algebra at the bottom,
/// factor I/O, profiling, analysis, solving, training and reports above it,
/// and a thin command-line front end on top. No package dependencies: the
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

    .target(name: "ThorLinalg", dependencies: ["CLapack"]),
    .target(name: "ThorSafetensors"),
    .target(name: "ThorProfiler", dependencies: ["ThorLinalg"]),
    .target(
      name: "ThorAnalysis", dependencies: ["ThorLinalg", "ThorSafetensors"]),
    .target(
      name: "ThorSolver",
      dependencies: ["ThorAnalysis", "ThorProfiler", "CCrypto"]),
    .target(
      name: "ThorTraining",
      dependencies: ["ThorLinalg", "ThorSafetensors", "ThorSolver", "CZlib"]),
    .target(name: "ThorReports", dependencies: ["ThorSolver", "ThorTraining"]),
    .target(
      name: "ThorTuneCLI",
      dependencies: [
        "ThorLinalg", "ThorSafetensors", "ThorProfiler", "ThorAnalysis",
        "ThorSolver", "ThorTraining", "ThorReports",
      ]),
    .executableTarget(name: "thor-tune", dependencies: ["ThorTuneCLI"]),
    .executableTarget(
      name: "thor-bench",
      dependencies: [
        "ThorLinalg", "ThorSafetensors", "ThorProfiler", "ThorAnalysis",
        "ThorSolver", "ThorTraining", "ThorTuneCLI",
      ]),

    .testTarget(name: "ThorLinalgTests", dependencies: ["ThorLinalg"]),
    .testTarget(
      name: "ThorSafetensorsTests", dependencies: ["ThorSafetensors"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "ThorProfilerTests", dependencies: ["ThorProfiler"]),
    .testTarget(
      name: "ThorAnalysisTests", dependencies: ["ThorAnalysis", "ThorLinalg"]),
    .testTarget(name: "ThorSolverTests", dependencies: ["ThorSolver"]),
    .testTarget(
      name: "ThorTrainingTests", dependencies: ["ThorTraining", "ThorLinalg"]),
    .testTarget(name: "ThorReportsTests", dependencies: ["ThorReports"]),
    .testTarget(
      name: "ThorTuneCLITests", dependencies: ["ThorTuneCLI", "thor-tune"]),
  ]
)
