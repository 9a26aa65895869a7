package io.freshet.serving;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;

/**
 * The writer of {@link ServingStoreSink}: buffers rows by natural key and upserts them in one
 * transaction per flush, through the engine's bulk path ({@link BulkUpsert}).
 */
final class ServingStoreWriter<T> implements SinkWriter<T> {
  private static final int ATTEMPTS = 5;

  private final ServingTable<T> table;
  private final int maxBufferedRows;
  private final Counter rowsWritten;
  private final ServingStore store;
  private final Connection connection;
  private final BulkUpsert bulk;
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
      this.bulk = BulkUpsert.open(opened.dialect(), connected, table);
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
        bulk.upsert(buffer.values());
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

  /** Epoch milliseconds as the UTC wall-clock time a zone-less TIMESTAMP column holds. */
  static LocalDateTime utc(long epochMillis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  @Override
  public void close() throws Exception {
    // Buffered rows are deliberately not written: they follow the last checkpoint, so a restore
    // replays them anyway, and a cancelled job should not publish them.
    closeAll(null, bulk, connection, store);
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
