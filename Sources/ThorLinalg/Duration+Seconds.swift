extension Duration {
  /// The duration in seconds.
  package var inSeconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}

extension ContinuousClock.Instant {
  /// Seconds from this instant to now.
  package var secondsElapsed: Double { (ContinuousClock.now - self).inSeconds }
}
