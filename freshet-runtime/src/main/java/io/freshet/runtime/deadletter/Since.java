package io.freshet.runtime.deadletter;

import io.freshet.core.time.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code since} of a dead-letter query: an instant, a UTC date, or a time ago. */
public final class Since {
  private static final Pattern AGO = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Since() {}

  /**
   * Parses {@code 2026-11-26T12:00:00Z} (any ISO-8601 instant with an offset), {@code 2026-11-26}
   * (midnight UTC), or a duration back from {@code now}: {@code 30m}, {@code 2h}, {@code 7d}, or
   * ISO-8601 such as {@code PT90M}.
   *
   * @throws IllegalArgumentException when the text is none of these
   */
  public static Instant parse(String text, Instant now) {
    String t = text.trim();
    Matcher ago = AGO.matcher(t);
    if (ago.matches()) {
      long n = Long.parseLong(ago.group(1));
      Duration d =
          switch (ago.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return now.minus(d);
    }
    try {
      if (t.startsWith("P") || t.startsWith("p")) {
        return now.minus(Duration.parse(t));
      }
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.ofEpochMilli(Timestamps.parse(t));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a time; use an ISO-8601 instant (2026-11-26T12:00:00Z), a date"
              + " (2026-11-26) or a duration back from now (30m, 2h, 7d)",
          e);
    }
  }
}
