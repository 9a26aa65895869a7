package io.freshet.serving;

import java.sql.Types;

/**
 * The column types of the serving schema, each spelled the same in DuckDB and PostgreSQL, with the
 * Java type a {@link RowMapper} hands over for it.
 */
public enum SqlType {
  /** Text; Java {@link String}. */
  VARCHAR("VARCHAR", Types.VARCHAR),
  /** Java {@link Long}. */
  BIGINT("BIGINT", Types.BIGINT),
  /** Java {@link Integer}. */
  INTEGER("INTEGER", Types.INTEGER),
  /** Java {@link Double}. */
  DOUBLE("DOUBLE PRECISION", Types.DOUBLE),
  /**
   * Money; Java {@link java.math.BigDecimal}. 38 digits with 9 after the point hold any sum of
   * prices the producers write exactly (both engines cap DECIMAL precision at 38 or more).
   */
  DECIMAL("DECIMAL(38, 9)", Types.DECIMAL),
  /** Java {@link Boolean}. */
  BOOLEAN("BOOLEAN", Types.BOOLEAN),
  /**
   * An instant as UTC wall-clock time without zone; Java {@link Long} epoch milliseconds. Without a
   * zone so DuckDB and PostgreSQL store and return the same value whatever the session time zone.
   */
  TIMESTAMP("TIMESTAMP", Types.TIMESTAMP),
  /**
   * A JSON document kept as text (not JSONB/JSON, which DuckDB only has as an extension); Java
   * {@link String} holding the JSON. View queries return it parsed.
   */
  JSON("TEXT", Types.VARCHAR);

  private final String ddl;
  private final int jdbcType;

  SqlType(String ddl, int jdbcType) {
    this.ddl = ddl;
    this.jdbcType = jdbcType;
  }

  /** The type as written in CREATE TABLE, the same for both engines. */
  public String ddl() {
    return ddl;
  }

  /** The {@link Types} constant used to bind a null of this type. */
  public int jdbcType() {
    return jdbcType;
  }
}
