import Testing
import ThorLinalg

@testable import ThorTraining

/// Max-pool's backward pass against a direct computation: each window's
/// output gradient goes to its first maximum (top-left, top-right,
/// bottom-left, bottom-right), every other input gets 0, including the
/// odd trailing row and column the windows drop.
@Suite("Max-pool backward")
struct MaxPoolBackwardTests {
  /// Channels below, at and beyond one 16-lane block; odd and even sizes;
  /// values from a set of 3, so windows hold ties.
  @Test(arguments: [(5, 4, 3), (4, 6, 16), (7, 5, 32), (3, 3, 35)])
  func gradientGoesToTheFirstMaximum(height: Int, width: Int, channels: Int) {
    let shape = FeatureShape(height: height, width: width, channels: channels)
    let count = 3
    var rng = SplitMix64(seed: UInt64(height * 100 + channels))
    let input = (0..<(shape.count * count)).map { _ in
      Float(rng.next(below: 3))
    }
    let layer = MaxPool(name: "pool", shape: shape)
    let outputs = layer.outputShape.count * count
    let g = (0..<outputs).map { Float($0 + 1) }
    let got: [Float] = input.withUnsafeBufferPointer { x in
      _ = layer.forward(x.baseAddress!, count: count)
      let dx = g.withUnsafeBufferPointer {
        layer.backward($0.baseAddress!, count: count, needsInputGradient: true)!
      }
      return Array(UnsafeBufferPointer(start: dx, count: input.count))
    }
    #expect(got == Self.direct(input, g, shape: shape, count: count))
  }

  /// The expected input gradient, window by window.
  static func direct(
    _ x: [Float], _ g: [Float], shape: FeatureShape, count: Int
  ) -> [Float] {
    let c = shape.channels
    let w = shape.width
    let oh = shape.height / 2
    let ow = w / 2
    var dx = [Float](repeating: 0, count: x.count)
    func at(_ n: Int, _ row: Int, _ column: Int, _ k: Int) -> Int {
      n * shape.count + (row * w + column) * c + k
    }
    for n in 0..<count {
      for oy in 0..<oh {
        for ox in 0..<ow {
          for k in 0..<c {
            let window = [
              at(n, 2 * oy, 2 * ox, k), at(n, 2 * oy, 2 * ox + 1, k),
              at(n, 2 * oy + 1, 2 * ox, k), at(n, 2 * oy + 1, 2 * ox + 1, k),
            ]
            let largest = window.map { x[$0] }.max()!
            let first = window.first { x[$0] == largest }!
            dx[first] = g[((n * oh + oy) * ow + ox) * c + k]
          }
        }
      }
    }
    return dx
  }
}
