/// Labelled images in memory, normalized and ready for batching: one column
/// of ``FeatureShape/count`` Floats per sample.
package struct Dataset: Sendable {
  /// Shape of one image (height × width × 1).
  package let shape: FeatureShape
  /// Number of label values.
  package let classes: Int
  /// Normalized pixels, sample after sample.
  package let pixels: [Float]
  /// One label per sample.
  package let labels: [UInt8]

  package var count: Int { labels.count }

  /// The normalization Fashion-MNIST training runs use.
  package static let fashionMNISTMean: Float = 0.2860
  package static let fashionMNISTStd: Float = 0.3530

  /// Pairs IDX images and labels, maps each byte `v` to
  /// `(v/255 − mean)/std` and keeps the first `limit` samples when given.
  /// - Throws: ``DatasetError`` naming the file at fault.
  package init(
    imagesAt imagePath: String, labelsAt labelPath: String,
    classes: Int = 10, limit: Int? = nil,
    mean: Float = fashionMNISTMean, std: Float = fashionMNISTStd
  ) throws(DatasetError) {
    let images = try IDXReader.readImages(at: imagePath)
    let labels = try IDXReader.readLabels(at: labelPath, classes: classes)
    guard images.count == labels.count else {
      throw .countMismatch(
        images: imagePath, imageCount: images.count, labels: labelPath,
        labelCount: labels.count)
    }
    let n = Swift.min(limit ?? labels.count, labels.count)
    let size = images.rows * images.columns
    let scale = 1 / (255 * std)
    let shift = mean / std
    var pixels = [Float](repeating: 0, count: n * size)
    images.pixels.withUnsafeBufferPointer { source in
      pixels.withUnsafeMutableBufferPointer { target in
        for i in 0..<(n * size) {
          target[i] = Float(source[i]) * scale - shift
        }
      }
    }
    self.init(
      shape: FeatureShape(
        height: images.rows, width: images.columns, channels: 1),
      classes: classes, pixels: pixels, labels: Array(labels[..<n]))
  }

  /// A data set from normalized pixels and labels.
  package init(
    shape: FeatureShape, classes: Int, pixels: [Float], labels: [UInt8]
  ) {
    precondition(pixels.count == shape.count * labels.count)
    self.shape = shape
    self.classes = classes
    self.pixels = pixels
    self.labels = labels
  }

  /// The samples in `range`, in order (a validation split, a subset).
  package func samples(_ range: Range<Int>) -> Dataset {
    precondition(range.lowerBound >= 0 && range.upperBound <= count)
    let size = shape.count
    return Dataset(
      shape: shape, classes: classes,
      pixels: Array(pixels[range.lowerBound * size..<range.upperBound * size]),
      labels: Array(labels[range]))
  }

  /// The first `count − n` samples to train on and the last `n` held out
  /// for validation.
  package func holdingOut(last n: Int) -> (train: Dataset, validation: Dataset)
  {
    precondition(n >= 0 && n < count, "validation must leave training data")
    return (samples(0..<count - n), samples(count - n..<count))
  }
}
