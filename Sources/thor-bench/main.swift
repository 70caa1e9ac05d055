import Foundation
import ThorTuneCLI

// thor-bench: speed benchmarks, run from a release build
// (`swift build -c release`). Each benchmark is one file defining a
// ThorTuneCLI `Command` (options, help and errors as in thor-tune); to add
// one, write `<Name>Benchmark.swift` and list its type here.
let benchmarks: [any Command.Type] = [
  ProfileCheckBenchmark.self,
  BlockInversionBenchmark.self,
  EigenLossCrossoverBenchmark.self,
  BlockProductsBenchmark.self,
  ConvolutionChunksBenchmark.self,
]

let tool = CommandLineTool(
  name: "thor-bench",
  overview: "Speed benchmarks for thor-tune (use a release build).",
  version: ThorTune.version, commands: benchmarks)
exit(tool.main(Array(CommandLine.arguments.dropFirst())))
