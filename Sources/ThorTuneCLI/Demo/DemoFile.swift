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
