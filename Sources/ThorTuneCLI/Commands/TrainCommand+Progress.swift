import Foundation
import ThorFormats
import ThorTraining

extension TrainCommand {
  /// The progress line during an epoch.
  static func describe(_ s: TrainingProgress) -> String {
    String(
      format: "epoch %d/%d  batch %d/%d  loss %.4f  acc %.2f%%  lr %.4g  "
        + "%.1fs",
      s.epoch, s.epochs, s.batch, s.batches, s.trainLoss,
      100 * s.trainAccuracy, s.learningRate, s.seconds)
  }

  /// The permanent line after an epoch.
  static func describe(_ r: EpochRecord) -> String {
    let validation =
      r.validationAccuracy.map {
        String(format: "  val acc %.2f%%", 100 * $0)
      } ?? ""
    return String(
      format: "epoch %d  train loss %.4f acc %.2f%%  test loss %.4f "
        + "acc %.2f%%%@  %.2fs (total %.1fs)",
      r.epoch, r.trainLoss, 100 * r.trainAccuracy, r.testLoss,
      100 * r.testAccuracy, validation, r.epochSeconds, r.totalSeconds)
  }
}
