/// The `thor-tune` command line.
public enum ThorTune {
  /// The version `--version` prints and outputs record.
  public static let version = "0.1.0"

  /// Runs the command line and returns the process exit status.
  public static func main(_ arguments: [String]) -> Int32 {
    print("thor-tune \(version)")
    return 0
  }
}
