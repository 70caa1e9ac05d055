import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Read-only memory mapping of whole files (POSIX `mmap`).
enum MappedFile {
  /// Maps the file at `url` and returns it as `Data` that unmaps itself
  /// when released. An empty file gives empty data.
  /// - Throws: ``SafetensorsError/unreadable(source:reason:)``.
  static func data(
    at url: URL, source: String
  ) throws(SafetensorsError) -> Data {
    let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure(source) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw failure(source) }
    guard status.st_mode & S_IFMT == S_IFREG else {
      throw .unreadable(source: source, reason: "not a regular file")
    }
    let size = Int(status.st_size)
    guard size > 0 else { return Data() }
    let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0)
    guard let address, address != MAP_FAILED else { throw failure(source) }
    return Data(
      bytesNoCopy: address, count: size,
      deallocator: .custom { pointer, count in _ = munmap(pointer, count) })
  }

  /// The error for a failed system call, with `errno`'s text.
  private static func failure(_ source: String) -> SafetensorsError {
    .unreadable(source: source, reason: String(cString: strerror(errno)))
  }
}
