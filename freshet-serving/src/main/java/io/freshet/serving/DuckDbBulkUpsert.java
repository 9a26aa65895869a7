package io.freshet.serving;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB's bulk path: the rows go through DuckDB's appender (column vectors filled from Java, no
 * SQL parsing or parameter binding per row) into the writer's temporary staging table, then one
 * {@code INSERT ... SELECT ... ON CONFLICT} moves them into the table, all in the flush's
 * transaction.
 */
final class DuckDbBulkUpsert implements BulkUpsert {
  /** DuckDB's catalog of temporary tables. */
  private static final String TEMP_CATALOG = "temp";

  private static final String TEMP_SCHEMA = "main";

  /** The scale of {@link SqlType#DECIMAL}; the appender refuses a value of any other scale. */
  private static final int DECIMAL_SCALE = 9;

  private final DuckDBConnection connection;
  private final String staging;
  private final SqlType[] types;
  private final String clear;
  private final String upsert;
  private final Statement statement;

  DuckDbBulkUpsert(Connection connection, ServingTable<?> table) throws SQLException {
    this.connection = connection.unwrap(DuckDBConnection.class);
    this.staging = SqlDialect.stagingTableName(table);
    List<Column> columns = table.columns();
    this.types = columns.stream().map(Column::type).toArray(SqlType[]::new);
    this.clear = SqlDialect.DUCKDB.clearStagingSql(table);
    this.upsert = SqlDialect.DUCKDB.upsertFromStagingSql(table);
    this.statement = connection.createStatement();
    try {
      statement.execute(SqlDialect.DUCKDB.stagingTableSql(table));
      connection.commit();
    } catch (SQLException e) {
      ServingStore.rollbackQuietly(connection, e);
      closeQuietly(statement, e);
      throw e;
    }
  }

  @Override
  public void upsert(Collection<Object[]> rows) throws SQLException {
    // A statement first: it opens the JDBC transaction (the driver begins one lazily, at a
    // statement), so the appender's rows land inside it and a rollback discards them too. An
    // appender flushing outside a transaction would commit them on its own.
    statement.execute(clear);
    try (DuckDBAppender appender = connection.createAppender(TEMP_CATALOG, TEMP_SCHEMA, staging)) {
      for (Object[] values : rows) {
        appender.beginRow();
        for (int i = 0; i < values.length; i++) {
          append(appender, types[i], values[i]);
        }
        appender.endRow();
      }
      // Explicitly: close() would flush too, but swallows a failure.
      appender.flush();
    }
    statement.executeUpdate(upsert);
    // Empty again before the commit, so the temporary table never keeps a flush's rows.
    statement.execute(clear);
  }

  private static void append(DuckDBAppender appender, SqlType type, Object value)
      throws SQLException {
    if (value == null) {
      appender.appendNull();
      return;
    }
    switch (type) {
      case VARCHAR, JSON -> appender.append((String) value);
      case BIGINT -> appender.append((long) (Long) value);
      case INTEGER -> appender.append((int) (Integer) value);
      case DOUBLE -> appender.append((double) (Double) value);
      // DuckDB rounds a bound decimal of a larger scale half away from zero, as HALF_UP does.
      case DECIMAL ->
          appender.append(((BigDecimal) value).setScale(DECIMAL_SCALE, RoundingMode.HALF_UP));
      case BOOLEAN -> appender.append((boolean) (Boolean) value);
      case TIMESTAMP -> appender.appendEpochMicros(micros((Long) value));
    }
  }

  /**
   * Epoch milliseconds as epoch microseconds, the UTC wall-clock time of ServingStoreWriter.utc.
   */
  private static long micros(long epochMillis) throws SQLException {
    if (epochMillis > Long.MAX_VALUE / 1_000L || epochMillis < Long.MIN_VALUE / 1_000L) {
      // Far beyond DuckDB's TIMESTAMP range, which the bound statements refused as well.
      throw new SQLException("timestamp out of range: " + epochMillis + " ms since the epoch");
    }
    return epochMillis * 1_000L;
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }

  private static void closeQuietly(Statement statement, Exception failure) {
    try {
      statement.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
