internal import CLapack

/// The OpenBLAS runtime: thread count and build configuration.
package enum OpenBLAS {
  /// Threads OpenBLAS uses for one call.
  package static var threads: Int { Int(openblas_get_num_threads()) }

  /// Sets the threads OpenBLAS uses for one call (at least 1).
  package static func setThreads(_ count: Int) {
    openblas_set_num_threads(Int32(Swift.max(1, count)))
  }

  /// OpenBLAS's own description of its build (`openblas_get_config`).
  package static var configuration: String {
    String(cString: openblas_get_config())
  }

  /// The CPU kernel set OpenBLAS selected (`openblas_get_corename`).
  package static var coreName: String {
    String(cString: openblas_get_corename())
  }
}
