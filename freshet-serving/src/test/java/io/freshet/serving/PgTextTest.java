package io.freshet.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.postgresql.jdbc.TimestampUtils;

class PgTextTest {
  /** What PgJDBC sends for a LocalDateTime parameter, the form the bound-statement path used. */
  private static final TimestampUtils PGJDBC =
      new TimestampUtils(false, () -> TimeZone.getTimeZone("UTC"));

  @Test
  void timestampsAreTheTextPgJdbcSendsForTheSameUtcWallClockTime() {
    // Given instants around the edges: millis, whole seconds, before 1970, before year 1000, BC,
    // before PostgreSQL's first day, and far in the future
    long[] millis = {
      0,
      1,
      -1,
      250,
      10,
      999,
      Instant.parse("2026-11-26T12:00:00.250Z").toEpochMilli(),
      Instant.parse("1969-12-31T23:59:59.999Z").toEpochMilli(),
      Instant.parse("0999-01-02T03:04:05.006Z").toEpochMilli(),
      Instant.parse("0001-01-01T00:00:00Z").toEpochMilli(),
      Instant.parse("0000-12-31T23:59:59.999Z").toEpochMilli(),
      Instant.parse("-4712-01-01T00:00:00Z").toEpochMilli(),
      Instant.parse("-4713-12-31T23:59:59.999Z").toEpochMilli(),
      Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli(),
      Instant.parse("+12345-06-07T08:09:10.011Z").toEpochMilli()
    };

    // Then each is formatted exactly as PgJDBC formats it
    for (long t : millis) {
      assertThat(PgText.timestamp(t))
          .as("epoch millis %d", t)
          .isEqualTo(PGJDBC.toString(ServingStoreWriter.utc(t)));
    }
    assertThat(PgText.timestamp(Instant.parse("2026-11-26T12:00:00.250Z").toEpochMilli()))
        .isEqualTo("2026-11-26 12:00:00.25");
    assertThat(PgText.timestamp(Instant.parse("0000-12-31T23:59:59.999Z").toEpochMilli()))
        .isEqualTo("0001-12-31 23:59:59.999 BC");
  }

  @Test
  void randomTimestampsMatchPgJdbc() {
    // Given 100,000 seeded instants between 3000 BC and 3000 AD
    SplittableRandom random = new SplittableRandom(11);
    long from = Instant.parse("-3000-01-01T00:00:00Z").toEpochMilli();
    long to = Instant.parse("3000-01-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < 100_000; i++) {
      long t = random.nextLong(from, to);
      // Then every one reads as PgJDBC writes it
      assertThat(PgText.timestamp(t)).isEqualTo(PGJDBC.toString(ServingStoreWriter.utc(t)));
    }
  }

  @Test
  void otherTypesUseTheirPlainTextForms() {
    assertThat(PgText.of(SqlType.BIGINT, Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
    assertThat(PgText.of(SqlType.INTEGER, 42)).isEqualTo("42");
    assertThat(PgText.of(SqlType.DOUBLE, 1.0E7)).isEqualTo("1.0E7");
    assertThat(PgText.of(SqlType.DOUBLE, Double.NaN)).isEqualTo("NaN");
    assertThat(PgText.of(SqlType.DOUBLE, Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(PgText.of(SqlType.DECIMAL, new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(PgText.of(SqlType.DECIMAL, new BigDecimal("-0.000000000500")))
        .isEqualTo("-0.000000000500");
    assertThat(PgText.of(SqlType.BOOLEAN, true)).isEqualTo("t");
    assertThat(PgText.of(SqlType.BOOLEAN, false)).isEqualTo("f");
    assertThat(PgText.of(SqlType.JSON, "{\"a\":1}")).isEqualTo("{\"a\":1}");
  }

  @Test
  void copyFieldsEscapeWhatCopyTextFormatReadsSpecially() {
    StringBuilder out = new StringBuilder();
    PgText.appendCopyField(out, SqlType.VARCHAR, "a\tb\nc\rd\\e \"f\" ü");
    out.append('|');
    PgText.appendCopyField(out, SqlType.JSON, null);
    out.append('|');
    PgText.appendCopyField(out, SqlType.VARCHAR, "");
    out.append('|');
    PgText.appendCopyField(out, SqlType.VARCHAR, "\\N");

    assertThat(out.toString()).isEqualTo("a\\tb\\nc\\rd\\\\e \"f\" ü|\\N||\\\\N");
  }
}
