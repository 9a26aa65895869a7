package io.freshet.core.time;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The one timestamp format Freshet writes: ISO-8601 in UTC with exactly three fraction digits. */
public final class Timestamps {
  private static final DateTimeFormatter MILLIS_UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Length of {@code uuuu-MM-ddTHH:mm:ss.SSSZ} for the years 0000-9999. */
  private static final int CANONICAL_LENGTH = 24;

  private static final long MILLIS_PER_DAY = 86_400_000L;

  /** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
  private static final long DAYS_0000_03_01_TO_EPOCH = 719_468L;

  /** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the four-digit years. */
  private static final long MIN_CANONICAL_MILLIS = -62_167_219_200_000L;

  private static final long MAX_CANONICAL_MILLIS = 253_402_300_799_999L;

  /** No canonical timestamp maps to this: it is below year 0000. */
  private static final long NOT_CANONICAL = Long.MIN_VALUE;

  private Timestamps() {}

  /** Formats epoch milliseconds, e.g. {@code 2026-11-26T12:00:00.000Z}. */
  public static String format(long epochMillis) {
    // DateTimeFormatter costs hundreds of bytes and a Parsed/Instant per call; on the output hot
    // path every event is in the four-digit years, which are written by hand. The formatter stays
    // for the signed years it prints differently (+10000, -0001).
    if (epochMillis < MIN_CANONICAL_MILLIS || epochMillis > MAX_CANONICAL_MILLIS) {
      return MILLIS_UTC.format(Instant.ofEpochMilli(epochMillis));
    }
    long epochDay = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
    int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
    // Civil-from-days (H. Hinnant): years start on 1 March so the leap day is last.
    long days = epochDay + DAYS_0000_03_01_TO_EPOCH;
    long era = Math.floorDiv(days, 146_097);
    int dayOfEra = (int) (days - era * 146_097);
    int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    int shiftedMonth = (5 * dayOfYear + 2) / 153;
    int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    int year = (int) (era * 400 + yearOfEra) + (month <= 2 ? 1 : 0);

    byte[] text = new byte[CANONICAL_LENGTH];
    put4(text, 0, year);
    text[4] = '-';
    put2(text, 5, month);
    text[7] = '-';
    put2(text, 8, day);
    text[10] = 'T';
    put2(text, 11, millisOfDay / 3_600_000);
    text[13] = ':';
    put2(text, 14, millisOfDay / 60_000 % 60);
    text[16] = ':';
    put2(text, 17, millisOfDay / 1000 % 60);
    text[19] = '.';
    put3(text, 20, millisOfDay % 1000);
    text[23] = 'Z';
    return new String(text, StandardCharsets.ISO_8859_1);
  }

  /**
   * Parses any ISO-8601 instant with an offset (Z or ±hh:mm) to epoch milliseconds.
   *
   * @throws DateTimeParseException when the text is not such an instant
   */
  public static long parse(String text) {
    // The form Freshet writes is read by hand: java.time's general parser was among the hottest
    // frames of the fraud pipeline. Anything else, valid or not, goes to that parser, so the
    // accepted forms and the exceptions stay exactly its own.
    long canonical = parseCanonical(text);
    if (canonical != NOT_CANONICAL) {
      return canonical;
    }
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from).toEpochMilli();
  }

  /**
   * Epoch millis of a valid {@code uuuu-MM-ddTHH:mm:ss.SSSZ} text, or {@link #NOT_CANONICAL} for
   * any other text, including an impossible date or time in that shape.
   */
  private static long parseCanonical(String text) {
    if (text.length() != CANONICAL_LENGTH
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(19) != '.'
        || text.charAt(23) != 'Z') {
      return NOT_CANONICAL;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int millis = digits(text, 20, 3);
    // digits() is negative for a non-digit, so these checks also reject those.
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > lengthOfMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || millis < 0) {
      return NOT_CANONICAL;
    }
    long epochDay = epochDay(year, month, day);
    return epochDay * MILLIS_PER_DAY
        + hour * 3_600_000L
        + minute * 60_000L
        + second * 1000L
        + millis;
  }

  /** Days-from-civil (H. Hinnant) for a year of 0 or more. */
  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    // y is -1 only for January and February of year 0, which belong to era -1.
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - DAYS_0000_03_01_TO_EPOCH;
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static boolean isLeap(int year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  private static void put4(byte[] text, int at, int value) {
    put2(text, at, value / 100);
    put2(text, at + 2, value % 100);
  }

  private static void put3(byte[] text, int at, int value) {
    text[at] = (byte) ('0' + value / 100);
    put2(text, at + 1, value % 100);
  }

  private static void put2(byte[] text, int at, int value) {
    text[at] = (byte) ('0' + value / 10);
    text[at + 1] = (byte) ('0' + value % 10);
  }
}
