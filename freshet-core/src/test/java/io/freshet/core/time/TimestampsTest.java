package io.freshet.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks the hand-written fast paths against the java.time formatter and parser they replace. */
class TimestampsTest {
  static final DateTimeFormatter REFERENCE_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
  static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();
  static final char[] MUTATIONS = "0123456789-T:.Zzt+ a".toCharArray();

  @Test
  void formatsTheDocumentedExample() {
    assertThat(Timestamps.format(Instant.parse("2026-11-26T12:00:00Z").toEpochMilli()))
        .isEqualTo("2026-11-26T12:00:00.000Z");
  }

  @Test
  void formatEqualsJavaTimeOnBoundariesAndSeededMillis() {
    for (long millis : samples()) {
      assertThat(Timestamps.format(millis)).as("%d", millis).isEqualTo(reference(millis));
    }
  }

  @Test
  void formatKeepsJavaTimeSignedYearsOutsideFourDigits() {
    assertThat(Timestamps.format(YEAR_10000)).isEqualTo("+10000-01-01T00:00:00.000Z");
    assertThat(Timestamps.format(YEAR_0 - 1)).isEqualTo("-0001-12-31T23:59:59.999Z");
  }

  @Test
  void parseInvertsFormatAndEqualsJavaTime() {
    for (long millis : samples()) {
      String text = Timestamps.format(millis);
      assertSameAsReference(text);
      assertThat(Timestamps.parse(text)).as(text).isEqualTo(millis);
    }
  }

  @Test
  void parseEqualsJavaTimeOnEverySingleCharacterMutation() {
    Random random = new Random(7);
    for (int n = 0; n < 300; n++) {
      char[] text = reference(randomCanonicalMillis(random)).toCharArray();
      for (int i = 0; i < text.length; i++) {
        char original = text[i];
        for (char c : MUTATIONS) {
          text[i] = c;
          assertSameAsReference(new String(text));
        }
        text[i] = original;
      }
    }
  }

  @Test
  void parseEqualsJavaTimeOnOutOfRangeFields() {
    // Every month/day combination, and hours, minutes and seconds one past their range, in leap
    // and common years including the century rules.
    for (int year : new int[] {0, 1, 1900, 1970, 2000, 2024, 2026, 2100, 9999}) {
      for (int month = 0; month <= 13; month++) {
        for (int day = 0; day <= 32; day++) {
          assertSameAsReference(String.format("%04d-%02d-%02dT00:00:00.000Z", year, month, day));
        }
      }
    }
    for (String time : List.of("24:00:00.000", "23:60:00.000", "23:59:60.000", "23:59:59.999")) {
      assertSameAsReference("2026-11-26T" + time + "Z");
    }
  }

  @Test
  void parseAcceptsTheOtherIsoForms() {
    long noon = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();
    assertThat(Timestamps.parse("2026-11-26T13:00:00+01:00")).isEqualTo(noon);
    assertThat(Timestamps.parse("2026-11-26T12:00:00Z")).isEqualTo(noon);
    assertThat(Timestamps.parse("2026-11-26T12:00Z")).isEqualTo(noon);
    assertThat(Timestamps.parse("2026-11-26t12:00:00.000z")).isEqualTo(noon);
    assertThat(Timestamps.parse("2026-11-26T12:00:00.000000Z")).isEqualTo(noon);
    assertThat(Timestamps.parse("+10000-01-01T00:00:00.000Z")).isEqualTo(YEAR_10000);
  }

  @Test
  void parseRejectsWhatJavaTimeRejects() {
    assertThatThrownBy(() -> Timestamps.parse("2026-02-29T00:00:00.000Z"))
        .isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> Timestamps.parse("2026-11-26T12:00:00.000"))
        .isInstanceOf(DateTimeParseException.class);
  }

  private static List<Long> samples() {
    List<Long> millis = new ArrayList<>();
    long[] fixed = {
      0,
      -1,
      1,
      YEAR_0,
      YEAR_0 + 1,
      YEAR_0 - 1,
      YEAR_10000 - 1,
      YEAR_10000,
      Instant.parse("2000-02-29T23:59:59.999Z").toEpochMilli(),
      Instant.parse("1900-03-01T00:00:00Z").toEpochMilli(),
      Instant.parse("1969-12-31T23:59:59.999Z").toEpochMilli(),
      Long.MAX_VALUE,
      Long.MIN_VALUE
    };
    for (long m : fixed) {
      millis.add(m);
    }
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      millis.add(randomCanonicalMillis(random));
    }
    for (int i = 0; i < 1_000; i++) {
      millis.add(random.nextLong());
    }
    return millis;
  }

  private static long randomCanonicalMillis(Random random) {
    return YEAR_0 + (long) (random.nextDouble() * (YEAR_10000 - YEAR_0));
  }

  private static String reference(long millis) {
    return REFERENCE_FORMAT.format(Instant.ofEpochMilli(millis));
  }

  /** Same value, or the same exception and message, as the java.time parser. */
  private static void assertSameAsReference(String text) {
    Object expected;
    try {
      expected = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from).toEpochMilli();
    } catch (RuntimeException e) {
      expected = e.getClass().getName() + ": " + e.getMessage();
    }
    Object actual;
    try {
      actual = Timestamps.parse(text);
    } catch (RuntimeException e) {
      actual = e.getClass().getName() + ": " + e.getMessage();
    }
    assertThat(actual).as(text).isEqualTo(expected);
  }
}
