package io.freshet.serving;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's bulk path: the rows stream into the writer's temporary staging table with {@code
 * COPY ... FROM STDIN} (text format, PgJDBC's CopyManager), then one {@code INSERT ... SELECT ...
 * ON CONFLICT} moves them into the table, all in the flush's transaction. The staging table empties
 * itself at the commit ({@code ON COMMIT DELETE ROWS}); a rollback discards the copied rows with
 * the rest.
 *
 * <p>Chosen over one {@code INSERT ... SELECT * FROM unnest(?::text[], ...)} with an array
 * parameter per column, which needs no staging table: both were measured with the {@code store}
 * benchmark on the same machine, and COPY cost the server as little or less CPU per row (see
 * docs/benchmarks.md, issue 11).
 */
final class PostgresBulkUpsert implements BulkUpsert {
  /** Characters of COPY text collected before they are sent. */
  private static final int CHUNK_CHARS = 64 * 1024;

  private final SqlType[] types;
  private final String copy;
  private final String upsert;
  private final Statement statement;
  private final CopyManager copyManager;

  PostgresBulkUpsert(Connection connection, ServingTable<?> table) throws SQLException {
    List<Column> columns = table.columns();
    this.types = columns.stream().map(Column::type).toArray(SqlType[]::new);
    this.copy =
        "COPY "
            + ServingTable.quote(SqlDialect.stagingTableName(table))
            + " ("
            + ServingTable.join(columns)
            + ") FROM STDIN";
    this.upsert = SqlDialect.POSTGRESQL.upsertFromStagingSql(table);
    this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
    this.statement = connection.createStatement();
    try {
      statement.execute(SqlDialect.POSTGRESQL.stagingTableSql(table));
      connection.commit();
    } catch (SQLException e) {
      ServingStore.rollbackQuietly(connection, e);
      try {
        statement.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  @Override
  public void upsert(Collection<Object[]> rows) throws SQLException {
    // COPY joins the connection's transaction (PgJDBC begins one first when auto-commit is off).
    CopyIn copyIn = copyManager.copyIn(copy);
    try {
      StringBuilder text = new StringBuilder(CHUNK_CHARS + 1024);
      for (Object[] values : rows) {
        for (int i = 0; i < values.length; i++) {
          if (i > 0) {
            text.append('\t');
          }
          PgText.appendCopyField(text, types[i], values[i]);
        }
        text.append('\n');
        if (text.length() >= CHUNK_CHARS) {
          send(copyIn, text);
        }
      }
      send(copyIn, text);
      copyIn.endCopy();
    } catch (SQLException | RuntimeException e) {
      if (copyIn.isActive()) {
        // End the COPY so the connection can roll back.
        try {
          copyIn.cancelCopy();
        } catch (SQLException cancelling) {
          e.addSuppressed(cancelling);
        }
      }
      throw e;
    }
    statement.executeUpdate(upsert);
  }

  private static void send(CopyIn copyIn, StringBuilder text) throws SQLException {
    if (text.length() > 0) {
      // The driver's client_encoding is always UTF8.
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      copyIn.writeToCopy(bytes, 0, bytes.length);
      text.setLength(0);
    }
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }
}
