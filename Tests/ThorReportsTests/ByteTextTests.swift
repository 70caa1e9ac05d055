import Testing
import ThorFormats

@Suite("Byte sizes in words")
struct ByteTextTests {
  @Test(arguments: [
    (12, "12 bytes"), (1024, "1.00 KiB"), (1536, "1.50 KiB"),
    (512 << 20, "512.00 MiB"), (3 << 30, "3.00 GiB"),
    (3_288_334_504, "3.06 GiB"),
  ])
  func unitsAndDecimals(bytes: Int, text: String) {
    #expect(ByteText.size(bytes) == text)
  }
}
