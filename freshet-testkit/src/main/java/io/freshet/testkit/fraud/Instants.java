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
    return MILLIS_UTC.format(instant);
  }
}
