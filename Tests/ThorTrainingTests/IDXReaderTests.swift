import Foundation
import Testing

@testable import ThorTraining

@Suite("IDX reader")
struct IDXReaderTests {
  /// Three 2×2 images with pixels 0, 10, 20, … and labels 2, 0, 9.
  let pixels: [UInt8] = (0..<12).map { UInt8($0 * 10) }
  let labels: [UInt8] = [2, 0, 9]

  func imageFile(count: UInt32 = 3) -> [UInt8] {
    IDXFixtures.header(2051, [count, 2, 2]) + pixels
  }

  func labelFile(_ values: [UInt8]? = nil) -> [UInt8] {
    let v = values ?? labels
    return IDXFixtures.header(2049, [UInt32(v.count)]) + v
  }

  @Test(arguments: [true, false])
  func readsAndNormalizes(gzip: Bool) throws {
    let f = try IDXFixtures()
    defer { f.remove() }
    let data = try Dataset(
      imagesAt: f.write("i", imageFile(), gzip: gzip),
      labelsAt: f.write("l", labelFile(), gzip: gzip))
    #expect(data.shape == FeatureShape(height: 2, width: 2, channels: 1))
    #expect(data.labels == labels)
    for (value, byte) in zip(data.pixels, pixels) {
      let expected = (Double(byte) / 255 - 0.2860) / 0.3530
      #expect(abs(Double(value) - expected) < 1e-5)
    }
  }

  @Test func keepsTheFirstSamplesOfASubset() throws {
    let f = try IDXFixtures()
    defer { f.remove() }
    let data = try Dataset(
      imagesAt: f.write("i", imageFile()), labelsAt: f.write("l", labelFile()),
      limit: 2)
    #expect(data.labels == [2, 0])
    #expect(data.pixels.count == 8)
  }

  @Test func findsTheFourFilesInAFolder() throws {
    let f = try IDXFixtures()
    defer { f.remove() }
    f.write("train-images-idx3-ubyte.gz", imageFile())
    f.write("train-labels-idx1-ubyte.gz", labelFile())
    f.write("t10k-images-idx3-ubyte", imageFile(), gzip: false)
    f.write("t10k-labels-idx1-ubyte", labelFile(), gzip: false)
    let (train, test) = try FashionMNIST.load(folder: f.folder.path)
    #expect(train.count == 3 && test.count == 3)
  }

  @Test func rejectsBadMagic() throws {
    let f = try IDXFixtures()
    defer { f.remove() }
    let path = f.write("l", labelFile())
    #expect(
      throws: DatasetError.badMagic(
        path: path, found: 2049, expected: 2051)
    ) {
      try IDXReader.readImages(at: path)
    }
    #expect(
      throws: DatasetError.badMagic(
        path: path, found: 2049, expected: 2051)
    ) {
      try Dataset(imagesAt: path, labelsAt: path)
    }
  }

  @Test func rejectsTruncatedImages() throws {
    let f = try IDXFixtures()
    defer { f.remove() }
    let path = f.write("i", Array(imageFile().dropLast(3)))
    #expect(
      throws: DatasetError.sizeMismatch(
        path: path, expectedBytes: 12, foundBytes: 9)
    ) {
      try IDXReader.readImages(at: path)
    }
  }

  @Test func rejectsATruncatedGzipStream() throws {
    let f = try IDXFixtures()
    defer { f.remove() }
    let good = f.write("i.gz", imageFile())
    let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
    let path = f.write("cut.gz", Array(bytes.dropLast(12)), gzip: false)
    #expect(throws: DatasetError.self) { try IDXReader.readImages(at: path) }
  }

  @Test func rejectsMismatchedCounts() throws {
    let f = try IDXFixtures()
    defer { f.remove() }
    let images = f.write("i", imageFile())
    let labels = f.write("l", labelFile([1, 2]))
    #expect(
      throws: DatasetError.countMismatch(
        images: images, imageCount: 3, labels: labels, labelCount: 2)
    ) {
      try Dataset(imagesAt: images, labelsAt: labels)
    }
  }

  @Test func rejectsAHeaderCountTheBytesDoNotHold() throws {
    let f = try IDXFixtures()
    defer { f.remove() }
    let path = f.write("i", imageFile(count: 4))
    #expect(
      throws: DatasetError.sizeMismatch(
        path: path, expectedBytes: 16, foundBytes: 12)
    ) {
      try IDXReader.readImages(at: path)
    }
  }

  @Test func rejectsLabelsOutOfRange() throws {
    let f = try IDXFixtures()
    defer { f.remove() }
    let path = f.write("l", labelFile([3, 10, 1]))
    #expect(
      throws: DatasetError.labelOutOfRange(
        path: path, index: 1, label: 10, classes: 10)
    ) {
      try IDXReader.readLabels(at: path, classes: 10)
    }
  }

  @Test func namesAMissingFile() throws {
    let f = try IDXFixtures()
    defer { f.remove() }
    #expect(
      throws: DatasetError.missingFile(
        folder: f.folder.path, name: "train-images-idx3-ubyte")
    ) {
      try FashionMNIST.load(folder: f.folder.path)
    }
    let path = f.folder.appendingPathComponent("none").path
    #expect(
      throws: DatasetError.cannotOpen(
        path: path, reason: "No such file or directory")
    ) {
      try IDXReader.readLabels(at: path, classes: 10)
    }
  }
}
