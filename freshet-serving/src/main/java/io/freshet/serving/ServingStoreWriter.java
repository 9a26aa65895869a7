package io.freshet.serving;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;

/**
 * The writer of {@link ServingStoreSink}: buffers rows by natural key and upserts them in one
 * transaction per flush.
 */
final class ServingStoreWriter<T> implements SinkWriter<T> {
  private static final int ATTEMPTS = 5;

  /** Rows per upsert statement: 100 rows of at most 9 columns stay far below any bind limit. */
  static final int ROWS_PER_STATEMENT = 100;

  private final ServingTable<T> table;
  private final int maxBufferedRows;
  private final Counter rowsWritten;
  private final ServingStore store;
  private final Connection connection;
  private final PreparedStatement upsert;
  // Insertion order is kept so a flush writes rows in the order they first arrived.
  private final Map<List<Object>, Object[]> buffer = new LinkedHashMap<>();

  ServingStoreWriter(String storeUrl, ServingTable<T> table, int maxBufferedRows, Counter counter)
      throws IOException {
    this.table = table;
    this.maxBufferedRows = maxBufferedRows;
    this.rowsWritten = counter;
    ServingStore opened = null;
    Connection connected = null;
    try {
      opened = ServingStore.open(storeUrl, List.of(table));
      connected = opened.connect();
      connected.setAutoCommit(false);
      this.upsert =
          connected.prepareStatement(opened.dialect().upsertSql(table, ROWS_PER_STATEMENT));
    } catch (SQLException e) {
      closeAll(e, connected, opened);
      throw new IOException("cannot open the serving store for " + table.name(), e);
    }
    this.store = opened;
    this.connection = connected;
  }

  @Override
  public void write(T element, Context context) throws IOException, InterruptedException {
    Object[] values = table.toColumns(element);
    buffer.merge(
        table.keyOf(values),
        values,
        (current, candidate) -> table.replaces(candidate, current) ? candidate : current);
    if (buffer.size() >= maxBufferedRows) {
      upsertBuffer();
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    upsertBuffer();
  }

  /** Rows waiting for the next flush; for tests. */
  int buffered() {
    return buffer.size();
  }

  private void upsertBuffer() throws IOException, InterruptedException {
    if (buffer.isEmpty()) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        upsertRows(new ArrayList<>(buffer.values()));
        connection.commit();
        rowsWritten.inc(buffer.size());
        buffer.clear();
        return;
      } catch (SQLException e) {
        ServingStore.rollbackQuietly(connection, e);
        if (attempt >= ATTEMPTS || !store.dialect().isTransientConflict(e)) {
          // Failing the task makes Flink restore the last checkpoint and replay, which rewrites
          // these rows: nothing is lost by giving up here.
          throw new IOException(
              "upsert of " + buffer.size() + " rows into " + table.name() + " failed", e);
        }
        // Back off a little so the conflicting transaction can finish.
        Thread.sleep(20L * attempt);
      }
    }
  }

  /**
   * Upserts whole statements of {@link #ROWS_PER_STATEMENT} rows and the remainder in one shorter
   * statement. Why not one execution per row: DuckDB allocates transaction-local storage per
   * statement (about 80 KiB each), so a flush of a few thousand single-row upserts in one
   * transaction ran into the store's 1 GB memory limit; multi-row statements need a fraction of
   * that and are far faster on both engines. Buffer keys are distinct, so no statement touches a
   * row twice.
   */
  private void upsertRows(List<Object[]> rows) throws SQLException {
    int full = rows.size() / ROWS_PER_STATEMENT * ROWS_PER_STATEMENT;
    for (int start = 0; start < full; start += ROWS_PER_STATEMENT) {
      bindRows(upsert, rows.subList(start, start + ROWS_PER_STATEMENT));
      upsert.executeUpdate();
    }
    if (full < rows.size()) {
      try (PreparedStatement rest =
          connection.prepareStatement(store.dialect().upsertSql(table, rows.size() - full))) {
        bindRows(rest, rows.subList(full, rows.size()));
        rest.executeUpdate();
      }
    }
  }

  private void bindRows(PreparedStatement statement, List<Object[]> rows) throws SQLException {
    int offset = 0;
    for (Object[] values : rows) {
      bind(statement, values, offset);
      offset += values.length;
    }
  }

  private void bind(PreparedStatement upsert, Object[] values, int offset) throws SQLException {
    List<Column> columns = table.columns();
    for (int i = 0; i < values.length; i++) {
      int index = offset + i + 1;
      Object value = values[i];
      SqlType type = columns.get(i).type();
      if (value == null) {
        upsert.setNull(index, type.jdbcType());
        continue;
      }
      switch (type) {
        case VARCHAR, JSON -> upsert.setString(index, (String) value);
        case BIGINT -> upsert.setLong(index, (Long) value);
        case INTEGER -> upsert.setInt(index, (Integer) value);
        case DOUBLE -> upsert.setDouble(index, (Double) value);
        case DECIMAL -> upsert.setBigDecimal(index, (java.math.BigDecimal) value);
        case BOOLEAN -> upsert.setBoolean(index, (Boolean) value);
        case TIMESTAMP -> upsert.setObject(index, utc((Long) value));
      }
    }
  }

  /** Epoch milliseconds as the UTC wall-clock time a zone-less TIMESTAMP column holds. */
  static LocalDateTime utc(long epochMillis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  @Override
  public void close() throws Exception {
    // Buffered rows are deliberately not written: they follow the last checkpoint, so a restore
    // replays them anyway, and a cancelled job should not publish them.
    closeAll(null, upsert, connection, store);
  }

  private static void closeAll(Exception failure, AutoCloseable... resources) throws IOException {
    Exception first = failure;
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (failure == null && first != null) {
      throw new IOException("closing the serving store failed", first);
    }
  }
}
