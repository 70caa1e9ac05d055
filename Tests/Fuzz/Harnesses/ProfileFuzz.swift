import Foundation
import ThorFormats
import ThorProfiler

/// libFuzzer entry point for the hardware-profile loader: decodes and
/// validates arbitrary bytes with `HardwareProfile.decode(_:file:)` (the
/// loader behind `load(from:)`) and, when they are accepted, evaluates the
/// interpolated inversion time the solver uses.
///
/// Malformed input must throw. An accepted profile must keep the loader's
/// promises, checked here independently (a broken one traps): at least
/// one result, dimensions positive and strictly increasing, times finite
/// with `0 < min ≤ median ≤ p90`; and the interpolated time is finite and
/// non-negative at every dimension up to twice the largest profiled one
/// (within Int range) and equals the median at each profiled dimension.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(bytes: data, count: size)
  guard let profile = try? HardwareProfile.decode(bytes, file: "fuzz.json")
  else { return 0 }
  let results = profile.results
  check(!results.isEmpty, "no results")
  for (k, r) in results.enumerated() {
    check(r.dim > 0, "results[\(k)].dim \(r.dim)")
    if k > 0 { check(r.dim > results[k - 1].dim, "results[\(k)] order") }
    check(
      r.minMicroseconds > 0 && r.minMicroseconds <= r.medianMicroseconds
        && r.medianMicroseconds <= r.p90Microseconds
        && r.p90Microseconds.isFinite, "results[\(k)] times")
    check(
      profile.time(forDimension: r.dim) == r.medianMicroseconds,
      "t(\(r.dim)) is not its median")
  }
  let last = results[results.count - 1].dim
  let probes =
    [
      -1, 0, 1, 2, 7, 64, 100, 1000, 4096, last - 1, last &+ 1,
      last < Int.max / 2 ? 2 * last : Int.max,
    ] + results.map { $0.dim &+ 1 } + results.map { $0.dim &- 1 }
  for d in probes {
    let t = profile.time(forDimension: d)
    check(t >= 0 && !t.isNaN, "t(\(d)) = \(t)")
  }
  return 0
}
