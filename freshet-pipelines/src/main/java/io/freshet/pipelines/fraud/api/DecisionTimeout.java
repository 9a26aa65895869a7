package io.freshet.pipelines.fraud.api;

import io.freshet.core.time.DurationText;
import java.time.Duration;

/** The {@code ?timeout=} of a decision request: how long to wait for the job before a 202. */
final class DecisionTimeout {
  static final Duration DEFAULT = Duration.ofMillis(100);
  static final Duration MAX = Duration.ofSeconds(10);

  private DecisionTimeout() {}

  /**
   * The timeout {@code text} names: plain milliseconds ({@code 250}) or a duration ({@code 250ms},
   * {@code 2s}); the default when absent.
   *
   * @throws IllegalArgumentException when it is not a duration in (0, 10 s]
   */
  static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT;
    }
    Duration timeout =
        text.chars().allMatch(Character::isDigit)
            ? Duration.ofMillis(Long.parseLong(text))
            : DurationText.parse(text);
    if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(
          "timeout must be more than 0 and at most 10s, was '" + text + "'");
    }
    return timeout;
  }
}
