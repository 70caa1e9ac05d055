import Foundation

/// The training and test splits of Fashion-MNIST (or MNIST) in a folder of
/// the four standard IDX files, gzip'd or not.
package enum FashionMNIST {
  /// Where Debian's `dataset-fashion-mnist` installs the files.
  package static let defaultFolder = "/usr/share/datasets/fashion-mnist"

  /// Reads `train-*` and `t10k-*` from `folder`, keeping the first
  /// `trainLimit` / `testLimit` samples when given.
  /// - Throws: ``DatasetError``.
  package static func load(
    folder: String = defaultFolder, trainLimit: Int? = nil,
    testLimit: Int? = nil
  ) throws(DatasetError) -> (train: Dataset, test: Dataset) {
    let train = try Dataset(
      imagesAt: try locate("train-images-idx3-ubyte", in: folder),
      labelsAt: try locate("train-labels-idx1-ubyte", in: folder),
      limit: trainLimit)
    let test = try Dataset(
      imagesAt: try locate("t10k-images-idx3-ubyte", in: folder),
      labelsAt: try locate("t10k-labels-idx1-ubyte", in: folder),
      limit: testLimit)
    return (train, test)
  }

  /// `folder/name.gz` when present, else `folder/name`.
  static func locate(_ name: String, in folder: String) throws(DatasetError)
    -> String
  {
    let base = URL(fileURLWithPath: folder).appendingPathComponent(name).path
    for candidate in [base + ".gz", base]
    where FileManager.default.fileExists(atPath: candidate) {
      return candidate
    }
    throw .missingFile(folder: folder, name: name)
  }
}
