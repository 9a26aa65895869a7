package io.freshet.serving;

import io.freshet.core.time.Timestamps;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Reads result-set values into plain, JSON-ready Java values the same way for both engines. */
final class Values {
  private Values() {}

  /** A column of a serving table, by its declared type. */
  static Object read(ResultSet rs, int index, SqlType type) throws SQLException {
    Object value =
        switch (type) {
          case VARCHAR -> rs.getString(index);
          case JSON -> {
            String text = rs.getString(index);
            yield text == null ? null : JsonText.parse(text);
          }
          case BIGINT -> rs.getLong(index);
          case INTEGER -> rs.getInt(index);
          case DOUBLE -> rs.getDouble(index);
          case DECIMAL -> decimal(rs.getBigDecimal(index));
          case BOOLEAN -> rs.getBoolean(index);
          case TIMESTAMP -> timestamp(rs.getObject(index, LocalDateTime.class));
        };
    return rs.wasNull() ? null : value;
  }

  /**
   * A column of an arbitrary query, by its JDBC type: timestamps become ISO-8601 UTC strings
   * (zone-less ones are taken as UTC, which is what the store writes), arrays become lists,
   * decimals lose trailing zeros, anything unusual becomes its text.
   */
  static Object read(ResultSet rs, int index, int jdbcType) throws SQLException {
    Object value =
        switch (jdbcType) {
          case Types.TIMESTAMP -> timestamp(rs.getObject(index, LocalDateTime.class));
          case Types.TIMESTAMP_WITH_TIMEZONE -> {
            OffsetDateTime time = rs.getObject(index, OffsetDateTime.class);
            yield time == null ? null : Timestamps.format(time.toInstant().toEpochMilli());
          }
          case Types.DECIMAL, Types.NUMERIC -> decimal(rs.getBigDecimal(index));
          case Types.ARRAY -> list(rs.getArray(index));
          default -> plain(rs.getObject(index));
        };
    return rs.wasNull() ? null : value;
  }

  /** A decimal without trailing zeros and never in exponent form: 25.00 is 25, 1E+2 is 100. */
  static BigDecimal decimal(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /**
   * A finite floating-point number as its shortest exact decimal (3.0 is 3, 1.0E7 is 10000000), so
   * a number reads the same before and after a trip through JSON; other values unchanged.
   */
  static Object normalizeNumber(Object value) {
    if ((value instanceof Double || value instanceof Float)
        && Double.isFinite(((Number) value).doubleValue())) {
      return decimal(new BigDecimal(value.toString()));
    }
    if (value instanceof BigDecimal decimal) {
      return decimal(decimal);
    }
    return value;
  }

  private static String timestamp(LocalDateTime utc) {
    return utc == null ? null : Timestamps.format(utc.toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  private static Object plain(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value instanceof BigDecimal decimal ? decimal(decimal) : value;
    }
    return value.toString();
  }

  private static List<Object> list(Array array) throws SQLException {
    if (array == null) {
      return null;
    }
    try {
      Object[] elements = (Object[]) array.getArray();
      List<Object> list = new ArrayList<>(elements.length);
      for (Object element : elements) {
        list.add(plain(element));
      }
      return list;
    } finally {
      array.free();
    }
  }
}
