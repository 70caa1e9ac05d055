/// Traps with `message` when accepted input breaks a promise of the code
/// under test, so that libFuzzer records the input as a crash. Shared by
/// every harness (compiled into each fuzzer).
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError("broken promise: \(message())") }
}
