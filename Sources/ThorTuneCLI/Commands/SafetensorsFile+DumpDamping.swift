import ThorFormats
import ThorSafetensors
import ThorTraining

/// A factor dump's `damping` or `damping_form` metadata that cannot be
/// read; each command reports it with the options that replace it.
struct DumpMetadataError: Error, Equatable {
  var key: String
  var value: String
}

extension SafetensorsFile {
  /// The dump's `damping` metadata (the `λ` in force), if any.
  /// - Throws: ``DumpMetadataError`` when it is not a positive number.
  func dumpDamping() throws(DumpMetadataError) -> Double? {
    let key = FactorDumpFormat.MetadataKey.damping
    guard let text = metadata[key] else { return nil }
    guard let value = Double(text), value > 0, value.isFinite else {
      throw DumpMetadataError(key: key, value: text)
    }
    return value
  }

  /// The dump's `damping_form` metadata, if any.
  /// - Throws: ``DumpMetadataError`` when it names no damping form.
  func dumpDampingForm() throws(DumpMetadataError) -> DampingForm? {
    let key = FactorDumpFormat.MetadataKey.dampingForm
    guard let text = metadata[key] else { return nil }
    guard let form = DampingForm(rawValue: text) else {
      throw DumpMetadataError(key: key, value: text)
    }
    return form
  }
}
