import Foundation
import Testing

@testable import ThorTuneCLI

@Suite("Profile folders") struct ProfileFoldersTests {
  @Test func orderAndDuplicates() {
    let folders = PlanCommand.profileFolders(
      environment: ["THOR_TUNE_PROFILES": "/opt/profiles"])
    #expect(folders.first?.path == "/opt/profiles")
    #expect(folders.dropFirst().first?.lastPathComponent == "profiles")
    // The package's own folder, from the source path compiled in.
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("profiles").standardizedFileURL.path
    #expect(folders.map(\.standardizedFileURL.path).contains(package))
    let paths = folders.map(\.standardizedFileURL.path)
    #expect(Set(paths).count == paths.count)
  }

  @Test func errorListsEveryFolderSearched() {
    let a = URL(fileURLWithPath: "/nonexistent/a")
    let b = URL(fileURLWithPath: "/nonexistent/b")
    do {
      _ = try PlanCommand.newestProfile(in: [a, b])
      Issue.record("expected an error")
    } catch {
      #expect("\(error)".contains("/nonexistent/a/, /nonexistent/b/"))
      #expect("\(error)".contains("THOR_TUNE_PROFILES"))
    }
  }
}
