package io.freshet.serving;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The few places where DuckDB and PostgreSQL differ for the serving store; everything else (DDL,
 * upserts, queries) is the same SQL on both.
 */
public enum SqlDialect {
  /** Embedded DuckDB file (or in-memory database), the default store. */
  DUCKDB("jdbc:duckdb:"),
  /** A PostgreSQL server. */
  POSTGRESQL("jdbc:postgresql:");

  // Any constant works as long as nothing else in the database uses it for an advisory lock.
  private static final long SCHEMA_LOCK_KEY = 0x46524553484554L;

  private final String urlPrefix;

  SqlDialect(String urlPrefix) {
    this.urlPrefix = urlPrefix;
  }

  /**
   * The dialect of a JDBC URL.
   *
   * @throws IllegalArgumentException for a URL of any other database
   */
  public static SqlDialect forUrl(String url) {
    for (SqlDialect dialect : values()) {
      if (url != null && url.startsWith(dialect.urlPrefix)) {
        return dialect;
      }
    }
    throw new IllegalArgumentException(
        "unsupported store URL (want jdbc:duckdb:FILE or jdbc:postgresql://...): " + url);
  }

  /** The prefix of this dialect's JDBC URLs. */
  public String urlPrefix() {
    return urlPrefix;
  }

  /**
   * The upsert of one row by the table's natural key. Both engines accept PostgreSQL's {@code
   * INSERT ... ON CONFLICT (key) DO UPDATE SET c = excluded.c}; for tables with a revision the
   * update only applies when the incoming revision is not lower, so replaying an old revision after
   * a newer one reached the table leaves the newer one in place.
   */
  public String upsertSql(ServingTable<?> table) {
    return upsertSql(table, 1);
  }

  /**
   * The upsert of {@code rows} rows with distinct keys in one statement, like {@link
   * #upsertSql(ServingTable)} otherwise; parameters are the rows' columns one row after another.
   */
  public String upsertSql(ServingTable<?> table, int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be >= 1, was " + rows);
    }
    List<Column> columns = table.columns();
    String row = columns.stream().map(c -> "?").collect(Collectors.joining(", ", "(", ")"));
    String placeholders = String.join(", ", java.util.Collections.nCopies(rows, row));
    return "INSERT INTO "
        + ServingTable.quote(table.name())
        + " ("
        + ServingTable.join(columns)
        + ") VALUES "
        + placeholders
        + onConflictSql(table);
  }

  /**
   * The upsert of every row of the writer's {@linkplain #stagingTableSql staging table} into the
   * table in one statement, with the same conflict handling and revision guard as {@link
   * #upsertSql(ServingTable)}. The staged rows must have distinct keys (one statement may not
   * update a row twice).
   */
  public String upsertFromStagingSql(ServingTable<?> table) {
    return "INSERT INTO "
        + ServingTable.quote(table.name())
        + " ("
        + ServingTable.join(table.columns())
        + ") SELECT "
        + ServingTable.join(table.columns())
        + " FROM "
        + ServingTable.quote(stagingTableName(table))
        + onConflictSql(table);
  }

  /**
   * The conflict clause every upsert ends with: {@code ON CONFLICT (key) DO UPDATE SET c =
   * excluded.c} for every non-key column, and for tables with a revision the guard that the
   * incoming revision is not lower than the stored one, so replaying an old revision after a newer
   * one reached the table leaves the newer one in place while an equal revision (a replay) rewrites
   * the same values.
   */
  private static String onConflictSql(ServingTable<?> table) {
    String updates =
        table.columns().stream()
            .filter(c -> !c.key())
            .map(c -> ServingTable.quote(c.name()) + " = excluded." + ServingTable.quote(c.name()))
            .collect(Collectors.joining(", "));
    StringBuilder sql =
        new StringBuilder(" ON CONFLICT (")
            .append(ServingTable.join(table.keyColumns()))
            .append(") DO UPDATE SET ")
            .append(updates);
    if (table.revisionColumn() != null) {
      String revision = ServingTable.quote(table.revisionColumn());
      sql.append(" WHERE ")
          .append(ServingTable.quote(table.name()))
          .append('.')
          .append(revision)
          .append(" <= excluded.")
          .append(revision);
    }
    return sql.toString();
  }

  /**
   * The name of a writer's staging table for {@code table}. It is a temporary table, private to the
   * writer's connection, so neither other writers nor readers ever see it.
   */
  static String stagingTableName(ServingTable<?> table) {
    return "freshet_staging_" + table.name();
  }

  /**
   * Creates the writer's staging table if its connection has none yet: a temporary table with the
   * table's columns and types but no key, which a flush fills in bulk (DuckDB's appender,
   * PostgreSQL's COPY) and then {@linkplain #upsertFromStagingSql upserts from}. On PostgreSQL it
   * empties itself at every commit ({@code ON COMMIT DELETE ROWS}, a truncate without dead rows:
   * autovacuum never cleans temporary tables); on DuckDB the flush deletes its rows before
   * committing (see {@link #clearStagingSql}).
   */
  String stagingTableSql(ServingTable<?> table) {
    StringBuilder sql =
        new StringBuilder("CREATE TEMPORARY TABLE IF NOT EXISTS ")
            .append(ServingTable.quote(stagingTableName(table)))
            .append(" (");
    List<Column> columns = table.columns();
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      sql.append(i == 0 ? "" : ", ")
          .append(ServingTable.quote(column.name()))
          .append(' ')
          .append(column.type().ddl());
    }
    sql.append(')');
    if (this == POSTGRESQL) {
      sql.append(" ON COMMIT DELETE ROWS");
    }
    return sql.toString();
  }

  /** Deletes every row of the writer's staging table. */
  String clearStagingSql(ServingTable<?> table) {
    return "DELETE FROM " + ServingTable.quote(stagingTableName(table));
  }

  /** The statements that create a table and its indexes if they do not exist yet. */
  public List<String> schemaSql(ServingTable<?> table) {
    List<String> statements = new ArrayList<>();
    statements.add(table.createTableSql());
    // A store created by an older release lacks the columns added since; both engines add them.
    statements.addAll(table.addMissingColumnsSql());
    // PostgreSQL needs a B-tree for time-range scans that do not lead with the key's first column;
    // DuckDB prunes by its per-block min/max zone maps instead, and an extra ART index would only
    // slow its upserts down.
    if (this == POSTGRESQL) {
      statements.add(
          "CREATE INDEX IF NOT EXISTS "
              + ServingTable.quote(table.name() + "_" + table.timeColumn() + "_idx")
              + " ON "
              + ServingTable.quote(table.name())
              + " ("
              + ServingTable.quote(table.timeColumn())
              + ")");
    }
    return statements;
  }

  /**
   * Serialises concurrent schema creation inside the current transaction. PostgreSQL's CREATE TABLE
   * IF NOT EXISTS is not race-free (two sessions can both miss the table and one then fails on the
   * catalog's unique index), so every opener takes the same transaction-scoped advisory lock first.
   * DuckDB resolves concurrent DDL itself.
   */
  void lockSchema(Connection connection) throws SQLException {
    if (this == POSTGRESQL) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK_KEY + ")");
      }
    }
  }

  /** The driver properties every connection of the store opens with. */
  Properties connectionProperties(boolean readOnly) {
    Properties properties = new Properties();
    if (this == DUCKDB) {
      // Every in-process connection to one file must use identical settings (DuckDB shares one
      // database instance per file and refuses a second configuration), so these are fixed.
      // No file or network access from SQL: the console must not become a way to read the host's
      // files (read_csv('/etc/...')) or load extensions, and the settings cannot be changed back.
      properties.setProperty("enable_external_access", "false");
      properties.setProperty("lock_configuration", "true");
      // DuckDB's memory is native, outside the JVM heap, and shares the machine with Kafka and
      // Flink; its default would be 80 % of RAM.
      properties.setProperty("memory_limit", "1GB");
      if (readOnly) {
        properties.setProperty("duckdb.read_only", "true");
      }
    } else if (readOnly) {
      properties.setProperty("readOnly", "true");
    }
    return properties;
  }

  /**
   * Starts a read-only transaction with a consistent snapshot on a connection with auto-commit off.
   * PostgreSQL enforces read-only (REPEATABLE READ also gives a page and its total the same
   * snapshot); DuckDB transactions are snapshots already, and it cannot make one connection of a
   * shared read-write instance read-only, so there the caller's always-rollback is what keeps the
   * store unchanged.
   */
  void beginReadOnly(Connection connection) throws SQLException {
    if (this == POSTGRESQL) {
      connection.setReadOnly(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
    }
  }

  /**
   * True when a failed transaction may simply be retried: a serialization failure or deadlock in
   * PostgreSQL, a write-write conflict between connections in DuckDB.
   */
  boolean isTransientConflict(SQLException e) {
    // An SQLException iterates over its causes and its chained "next" exceptions, which is where
    // a batch's BatchUpdateException keeps the statement's real error.
    for (Throwable t : e) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (this == POSTGRESQL && ("40001".equals(state) || "40P01".equals(state))) {
          return true;
        }
      }
      String message = t.getMessage();
      if (this == DUCKDB
          && message != null
          && message.toLowerCase(Locale.ROOT).contains("conflict")) {
        return true;
      }
    }
    return false;
  }
}
