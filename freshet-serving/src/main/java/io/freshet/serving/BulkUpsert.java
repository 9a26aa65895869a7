package io.freshet.serving;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/**
 * How a writer's flush reaches its table: all buffered rows in bulk into the engine, then one
 * upsert statement, so the cost per row is that of the engine's bulk path rather than of a bound
 * statement parameter. One per writer, on the writer's connection.
 */
interface BulkUpsert extends AutoCloseable {

  /** The bulk path of {@code dialect} for {@code table} on {@code connection} (auto-commit off). */
  static BulkUpsert open(SqlDialect dialect, Connection connection, ServingTable<?> table)
      throws SQLException {
    return switch (dialect) {
      case DUCKDB -> new DuckDbBulkUpsert(connection, table);
      case POSTGRESQL -> new PostgresBulkUpsert(connection, table);
    };
  }

  /**
   * Upserts {@code rows} (column values, distinct keys) inside the connection's current
   * transaction, with the revision guard of {@link SqlDialect#upsertSql(ServingTable)}; the caller
   * commits, or rolls back, which also discards anything staged.
   */
  void upsert(Collection<Object[]> rows) throws SQLException;

  @Override
  void close() throws SQLException;
}
