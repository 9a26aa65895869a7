package io.freshet.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.duckdb.DuckDBConnection;

/**
 * The SQL serving store the pipelines materialise their results into: an embedded DuckDB file by
 * default, or PostgreSQL, reached through JDBC with the same schema and code path.
 *
 * <p>Thread-safe: every operation takes its own connection from {@link #connect()}. For DuckDB all
 * connections of the process share one database instance (a DuckDB file admits a single writing
 * process), so the HTTP queries, the console and the Flink sinks of one Freshet instance can all
 * use the file at once; another process must go through that instance's HTTP API.
 */
public final class ServingStore implements AutoCloseable {
  /** File name of the default DuckDB store inside the data dir. */
  public static final String DEFAULT_FILE_NAME = "serving.duckdb";

  private static final int SCHEMA_ATTEMPTS = 5;

  private final String url;
  private final SqlDialect dialect;
  private final boolean readOnly;
  // DuckDB only: keeps the database instance open and hands out connections sharing it. A
  // PostgreSQL store holds no connection between operations.
  private final DuckDBConnection anchor;
  private final List<ServingTable<?>> tables;

  private ServingStore(
      String url,
      SqlDialect dialect,
      boolean readOnly,
      DuckDBConnection anchor,
      List<ServingTable<?>> tables) {
    this.url = url;
    this.dialect = dialect;
    this.readOnly = readOnly;
    this.anchor = anchor;
    this.tables = List.copyOf(tables);
  }

  /** The default store URL for a data dir: {@code jdbc:duckdb:<dataDir>/serving.duckdb}. */
  public static String defaultUrl(Path dataDir) {
    return SqlDialect.DUCKDB.urlPrefix() + dataDir.toAbsolutePath().resolve(DEFAULT_FILE_NAME);
  }

  /**
   * Opens the store for reading and writing and creates any missing one of {@code tables}; safe to
   * call from several threads or processes at once (schema creation is idempotent and serialised).
   *
   * @param url {@code jdbc:duckdb:FILE} or {@code jdbc:postgresql://HOST:PORT/DB?user=...}
   * @param tables the serving schema: the tables of the running pipelines
   * @throws IllegalArgumentException for any other kind of URL
   */
  public static ServingStore open(String url, List<ServingTable<?>> tables) throws SQLException {
    ServingStore store = connectStore(url, false, tables);
    try {
      store.createSchema();
    } catch (SQLException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * Opens an existing store read-only, without touching its schema. For DuckDB this works only when
   * no process (this one included) has the file open for writing; within a Freshet instance use
   * {@link SqlConsole} on the store opened by {@link #open}.
   */
  public static ServingStore openReadOnly(String url) throws SQLException {
    return connectStore(url, true, List.of());
  }

  /** The JDBC URL the store was opened with. */
  public String url() {
    return url;
  }

  /** Which database engine the store runs on. */
  public SqlDialect dialect() {
    return dialect;
  }

  /** True when opened by {@link #openReadOnly}. */
  public boolean isReadOnly() {
    return readOnly;
  }

  /** The tables of the serving schema; none for a store opened read-only. */
  public List<ServingTable<?>> tables() {
    return tables;
  }

  /** The table with this exact name, if the schema has one. */
  public Optional<ServingTable<?>> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * A new connection to the store, in auto-commit mode; the caller closes it. Connections are not
   * thread-safe, so each thread or operation takes its own.
   */
  public Connection connect() throws SQLException {
    return connect(readOnly);
  }

  Connection connect(boolean readOnlyConnection) throws SQLException {
    if (anchor != null) {
      return anchor.duplicate();
    }
    return DriverManager.getConnection(url, dialect.connectionProperties(readOnlyConnection));
  }

  /** Creates every missing table and index; a no-op when the schema is complete. */
  void createSchema() throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = connect(false)) {
        connection.setAutoCommit(false);
        try {
          dialect.lockSchema(connection);
          try (Statement statement = connection.createStatement()) {
            for (ServingTable<?> table : tables) {
              for (String sql : dialect.schemaSql(table)) {
                statement.execute(sql);
              }
            }
          }
          connection.commit();
          return;
        } catch (SQLException e) {
          rollbackQuietly(connection, e);
          if (attempt >= SCHEMA_ATTEMPTS || !dialect.isTransientConflict(e)) {
            throw e;
          }
        }
      }
    }
  }

  @Override
  public void close() throws SQLException {
    if (anchor != null) {
      anchor.close();
    }
  }

  @Override
  public String toString() {
    // Never print a password given in the URL.
    return "ServingStore[" + url.replaceAll("(?i)(password=)[^&;]*", "$1***") + "]";
  }

  private static ServingStore connectStore(
      String url, boolean readOnly, List<ServingTable<?>> tables) throws SQLException {
    SqlDialect dialect = SqlDialect.forUrl(url);
    if (dialect == SqlDialect.POSTGRESQL) {
      ServingStore store = new ServingStore(url, dialect, readOnly, null, tables);
      if (readOnly) {
        // Fail at open, not at the first query, when the server cannot be reached (a read-write
        // open finds out by creating the schema).
        try (Connection probe = store.connect()) {
          if (!probe.isValid(5)) {
            throw new SQLException("the store at " + store + " does not answer");
          }
        }
      }
      return store;
    }
    createParentDirectory(url, readOnly);
    Connection connection =
        DriverManager.getConnection(url, dialect.connectionProperties(readOnly));
    return new ServingStore(
        url, dialect, readOnly, connection.unwrap(DuckDBConnection.class), tables);
  }

  /** Rolls back after a failure, keeping a failed rollback as suppressed by the first failure. */
  static void rollbackQuietly(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static void createParentDirectory(String url, boolean readOnly) {
    String file = url.substring(SqlDialect.DUCKDB.urlPrefix().length());
    if (readOnly || file.isEmpty() || file.startsWith(":memory:")) {
      return;
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the store directory " + parent, e);
    }
  }
}
