package io.freshet.serving;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.chrono.IsoEra;
import java.time.temporal.ChronoField;

/**
 * Column values as PostgreSQL's text input forms, for the bulk paths (COPY's text format and array
 * parameters) that hand values over as text: each form is exactly what PgJDBC sends for the same
 * value bound as a parameter, so a row reads back the same whichever path wrote it.
 */
final class PgText {
  /** PgJDBC sends anything before 4713 BC, PostgreSQL's first day, as {@code -infinity}. */
  private static final LocalDateTime FIRST =
      LocalDate.of(4713, 1, 1).with(ChronoField.ERA, IsoEra.BCE.getValue()).atStartOfDay();

  private PgText() {}

  /**
   * The text of a non-null value of a column of type {@code type}: numbers as Java prints them
   * (shortest round-trip form for doubles, which PostgreSQL parses back to the same double),
   * booleans as {@code t}/{@code f}, timestamps as {@link #timestamp}.
   */
  static String of(SqlType type, Object value) {
    return switch (type) {
      case VARCHAR, JSON -> (String) value;
      case BIGINT, INTEGER, DOUBLE -> value.toString();
      case DECIMAL -> ((BigDecimal) value).toPlainString();
      case BOOLEAN -> ((Boolean) value) ? "t" : "f";
      case TIMESTAMP -> timestamp((Long) value);
    };
  }

  /**
   * Epoch milliseconds as the UTC wall-clock {@code TIMESTAMP} literal PgJDBC writes for the
   * equivalent {@link LocalDateTime}: {@code yyyy-MM-dd HH:mm:ss[.fff]} with at least four year
   * digits, {@code BC} for years before 1, {@code -infinity} before 4713 BC.
   */
  static String timestamp(long epochMillis) {
    LocalDateTime time = ServingStoreWriter.utc(epochMillis);
    if (time.isBefore(FIRST)) {
      return "-infinity";
    }
    StringBuilder text = new StringBuilder(32);
    int year = time.get(ChronoField.YEAR_OF_ERA);
    if (year < 1000) {
      text.append("000", 0, year < 10 ? 3 : year < 100 ? 2 : 1);
    }
    text.append(year).append('-');
    twoDigits(text, time.getMonthValue()).append('-');
    twoDigits(text, time.getDayOfMonth()).append(' ');
    twoDigits(text, time.getHour()).append(':');
    twoDigits(text, time.getMinute()).append(':');
    twoDigits(text, time.getSecond());
    int millis = time.getNano() / 1_000_000;
    if (millis != 0) {
      // Trailing zeros dropped, as PgJDBC does: .25, not .250.
      text.append('.').append((char) ('0' + millis / 100));
      if (millis % 100 != 0) {
        text.append((char) ('0' + millis / 10 % 10));
        if (millis % 10 != 0) {
          text.append((char) ('0' + millis % 10));
        }
      }
    }
    if (time.get(ChronoField.ERA) == IsoEra.BCE.getValue()) {
      text.append(" BC");
    }
    return text.toString();
  }

  /**
   * Appends a value as one field of COPY's text format: {@code \N} for null, otherwise the text
   * with backslash, tab, newline and carriage return escaped.
   */
  static void appendCopyField(StringBuilder out, SqlType type, Object value) {
    if (value == null) {
      out.append("\\N");
      return;
    }
    String text = of(type, value);
    if (type != SqlType.VARCHAR && type != SqlType.JSON) {
      // Numbers, booleans and timestamps never contain a character COPY escapes.
      out.append(text);
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
  }

  private static StringBuilder twoDigits(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
