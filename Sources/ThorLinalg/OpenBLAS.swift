internal import CLapack

/// The OpenBLAS runtime: thread count and build configuration.
public enum OpenBLAS {
  /// Threads OpenBLAS uses for one call.
  public static var threads: Int { Int(openblas_get_num_threads()) }

  /// Sets the threads OpenBLAS uses for one call (at least 1).
  public static func setThreads(_ count: Int) {
    openblas_set_num_threads(Int32(Swift.max(1, count)))
  }

  /// OpenBLAS's own description of its build (`openblas_get_config`).
  public static var configuration: String {
    String(cString: openblas_get_config())
  }

  /// The CPU kernel set OpenBLAS selected (`openblas_get_corename`).
  public static var coreName: String {
    String(cString: openblas_get_corename())
  }
}
