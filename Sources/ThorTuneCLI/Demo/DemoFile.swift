import ThorReports

/// The files and folders of a demo folder.
enum DemoFile: String {
  case profile = "profile.json"
  case factors = "factors.safetensors"
  case capture = "capture.jsonl"
  case plan = "plan.json"
  case planReport = "plan"
  case sgd = "sgd.jsonl"
  case thor = "thor.jsonl"
  case trainingReport = "training"
  case index = "index.md"
}

extension DemoFile {
  /// The names the index page links to.
  static var indexFiles: DemoIndex.Files {
    DemoIndex.Files(
      profile: profile.rawValue, factors: factors.rawValue,
      capture: capture.rawValue, plan: plan.rawValue,
      planReport: planReport.rawValue, sgd: sgd.rawValue,
      thor: thor.rawValue, trainingReport: trainingReport.rawValue)
  }
}
