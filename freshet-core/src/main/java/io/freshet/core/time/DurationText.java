package io.freshet.core.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them: {@code 500ms}, {@code 1s}, {@code 5m}, {@code 2h}, {@code 1d} or
 * ISO-8601.
 */
public final class DurationText {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private DurationText() {}

  /**
   * The duration {@code text} names.
   *
   * @throws IllegalArgumentException saying what forms are accepted
   */
  public static Duration parse(String text) {
    Matcher m = SIMPLE.matcher(text.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; use e.g. 500ms, 1s, 5m, 2h, 1d or PT1S", e);
    }
  }
}
