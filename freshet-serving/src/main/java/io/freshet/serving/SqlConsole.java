package io.freshet.serving;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs read-only SQL typed by a person ({@code freshet sql}) against the serving store.
 *
 * <p>Three guards keep it read-only: the statement must be a single SELECT or WITH query without
 * data-changing keywords ({@link SqlGuard}); it runs in a read-only transaction (PostgreSQL: a
 * read-only connection and {@code SET TRANSACTION READ ONLY}; a store opened with {@link
 * ServingStore#openReadOnly} is read-only for DuckDB too); and that transaction is always rolled
 * back, which is what protects a DuckDB file shared in-process with the writing sinks. DuckDB
 * connections also have no file or network access (see {@link SqlDialect}), so a query cannot read
 * the host's files. On PostgreSQL connect as a role without superuser or {@code
 * pg_read_server_files} for the same reason.
 *
 * <p>Within a running Freshet instance use the instance's store (DuckDB admits one writing process
 * per file); other processes go through its HTTP API.
 */
public final class SqlConsole {
  /** Rows returned at most; the result says when there were more. */
  public static final int DEFAULT_MAX_ROWS = 10_000;

  /** Seconds a query may run. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 30;

  private final ServingStore store;
  private final int maxRows;
  private final int timeoutSeconds;

  /** A console on the store with the default row cap and timeout. */
  public SqlConsole(ServingStore store) {
    this(store, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_SECONDS);
  }

  /** A console returning at most {@code maxRows} rows per query, each running at most so long. */
  public SqlConsole(ServingStore store, int maxRows, int timeoutSeconds) {
    if (maxRows < 1 || timeoutSeconds < 1) {
      throw new IllegalArgumentException("maxRows and timeoutSeconds must be >= 1");
    }
    this.store = Objects.requireNonNull(store, "store");
    this.maxRows = maxRows;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Runs one query.
   *
   * @throws BadQueryException when the statement is refused or the database rejects it (syntax
   *     error, unknown table, timeout): the user's mistake, HTTP 400
   * @throws SQLException when the store cannot be reached: HTTP 500
   */
  public QueryResult query(String sql) throws BadQueryException, SQLException {
    SqlGuard.checkSingleQuery(sql);
    return execute(sql);
  }

  /** Runs a statement in the read-only, rolled-back transaction without the statement check. */
  QueryResult execute(String sql) throws BadQueryException, SQLException {
    try (Connection connection = store.connect(true)) {
      connection.setAutoCommit(false);
      try {
        store.dialect().beginReadOnly(connection);
        return run(connection, sql);
      } finally {
        connection.rollback();
      }
    }
  }

  private QueryResult run(Connection connection, String sql)
      throws BadQueryException, SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(timeoutSeconds);
      // With these PostgreSQL streams through a cursor and stops early instead of loading the whole
      // result; DuckDB accepts both as hints, and the loop below stops at maxRows + 1 regardless.
      statement.setFetchSize(Math.min(maxRows + 1, 1000));
      statement.setMaxRows(maxRows + 1);
      try (ResultSet rs = statement.executeQuery(sql)) {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
          columns.add(meta.getColumnLabel(i + 1));
          types[i] = meta.getColumnType(i + 1);
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
          if (rows.size() == maxRows) {
            truncated = true;
            break;
          }
          List<Object> row = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            row.add(Values.read(rs, i + 1, types[i]));
          }
          rows.add(row);
        }
        return new QueryResult(columns, rows, truncated);
      }
    } catch (SQLException e) {
      // SQLSTATE class 08 is a lost connection: the store's fault, not the query's.
      if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
        throw e;
      }
      throw new BadQueryException("query failed: " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int eol = message.indexOf('\n');
    return (eol < 0 ? message : message.substring(0, eol)).strip();
  }
}
