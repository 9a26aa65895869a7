package io.freshet.core.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The one timestamp format Freshet writes: ISO-8601 in UTC with exactly three fraction digits. */
public final class Timestamps {
  private static final DateTimeFormatter MILLIS_UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** Formats epoch milliseconds, e.g. {@code 2026-11-26T12:00:00.000Z}. */
  public static String format(long epochMillis) {
    return MILLIS_UTC.format(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * Parses any ISO-8601 instant with an offset (Z or ±hh:mm) to epoch milliseconds.
   *
   * @throws DateTimeParseException when the text is not such an instant
   */
  public static long parse(String text) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from).toEpochMilli();
  }
}
