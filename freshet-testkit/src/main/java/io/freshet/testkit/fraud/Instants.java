package io.freshet.testkit.fraud;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Named event-time instants around {@link #T0} so rule-boundary tests read as timelines. */
public final class Instants {
  /** The reference instant of every hand-made test: {@code 2026-11-26T12:00:00.000Z}. */
  public static final Instant T0 = Instant.parse("2026-11-26T12:00:00.000Z");

  public static final Instant T0_PLUS_1_MIN = T0.plusSeconds(60);
  public static final Instant T0_PLUS_2_MIN = T0.plusSeconds(120);
  public static final Instant T0_PLUS_5_MIN = T0.plusSeconds(300);
  public static final Instant T0_PLUS_30_MIN = T0.plusSeconds(1800);
  public static final Instant T0_PLUS_1_HOUR = T0.plusSeconds(3600);
  public static final Instant T0_MINUS_1_HOUR = T0.minusSeconds(3600);
  public static final Instant T0_MINUS_1_DAY = T0.minus(Duration.ofDays(1));
  public static final Instant T0_MINUS_30_DAYS = T0.minus(Duration.ofDays(30));
  public static final Instant T0_MINUS_40_DAYS = T0.minus(Duration.ofDays(40));

  private static final DateTimeFormatter MILLIS_UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Instants() {}

  /** {@link #T0} plus whole seconds (negative goes back). */
  public static Instant t0PlusSeconds(long seconds) {
    return T0.plusSeconds(seconds);
  }

  /** {@link #T0} plus milliseconds, for edges such as 119.999 s or 3600.001 s. */
  public static Instant t0PlusMillis(long millis) {
    return T0.plusMillis(millis);
  }

  /** The envelope's timestamp format: ISO-8601 UTC with exactly three fraction digits. */
  public static String iso(Instant instant) {
    long millis = instant.toEpochMilli();
    long epochDay = Math.floorDiv(millis, 86_400_000L);
    int ofDay = (int) Math.floorMod(millis, 86_400_000L);
    java.time.LocalDate date = java.time.LocalDate.ofEpochDay(epochDay);
    if (date.getYear() < 0 || date.getYear() > 9999) {
      return MILLIS_UTC.format(instant);
    }
    // By hand: the formatter is the largest cost of generating millions of envelopes.
    char[] out = new char[24];
    pad(out, 0, date.getYear(), 4);
    out[4] = '-';
    pad(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    pad(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    pad(out, 11, ofDay / 3_600_000, 2);
    out[13] = ':';
    pad(out, 14, ofDay / 60_000 % 60, 2);
    out[16] = ':';
    pad(out, 17, ofDay / 1_000 % 60, 2);
    out[19] = '.';
    pad(out, 20, ofDay % 1_000, 3);
    out[23] = 'Z';
    return new String(out);
  }

  private static void pad(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
