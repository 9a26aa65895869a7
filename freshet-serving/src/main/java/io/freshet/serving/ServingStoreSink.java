package io.freshet.serving;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;

/**
 * A Flink sink that materialises records into one serving table, with exactly-once results in the
 * table.
 *
 * <p>How: the writer buffers rows by natural key (a later revision of a key replaces the earlier
 * one in the buffer) and upserts the buffer in one JDBC transaction in {@link SinkWriter#flush},
 * which Flink calls on every checkpoint barrier before the snapshot (and at the end of a bounded
 * input). So every row that precedes a checkpoint is durable in the store when the checkpoint is
 * taken. The upsert is a bulk one: the rows go into a temporary staging table private to the
 * writer's connection by the engine's bulk path (DuckDB's appender, PostgreSQL's {@code COPY}),
 * then one {@code INSERT ... SELECT ... ON CONFLICT} statement per flush moves them into the table.
 *
 * <p>This is <em>effectively-once</em> through idempotent upserts, not a two-phase commit: rows of
 * an epoch whose checkpoint then fails (or rows flushed early because the buffer filled up) may
 * already be in the table when Flink restores the previous checkpoint. That is harmless because the
 * restored job replays the same input deterministically, recomputes the same rows and upserts them
 * by the same natural key: the replay rewrites identical values instead of adding rows, and for
 * revisioned tables an upsert never lowers a row's revision, so a reader can see results early but
 * never a duplicate, a lost row or an older revision after a newer one. Unlike a two-phase commit
 * it needs no transaction left open across checkpoints (DuckDB has no prepared transactions) and
 * makes results visible at checkpoint time rather than one round later.
 *
 * <p>Parallel writers should receive disjoint keys (attach the sink after an operator keyed by the
 * table's key, as windows are), so their transactions never touch the same rows.
 *
 * @param <T> the record type of the table
 */
public final class ServingStoreSink<T> implements Sink<T> {
  /** Rows buffered before the writer upserts without waiting for a checkpoint. */
  public static final int DEFAULT_MAX_BUFFERED_ROWS = 10_000;

  private static final long serialVersionUID = 1L;

  private final String storeUrl;
  private final ServingTable<T> table;
  private final int maxBufferedRows;

  /** A sink into {@code table} of the store at {@code storeUrl}, see {@link ServingStore#open}. */
  public ServingStoreSink(String storeUrl, ServingTable<T> table) {
    this(storeUrl, table, DEFAULT_MAX_BUFFERED_ROWS);
  }

  /**
   * A sink that also upserts whenever {@code maxBufferedRows} distinct keys are buffered, which
   * bounds memory between checkpoints (an early upsert is as safe as a checkpoint-time one).
   */
  public ServingStoreSink(String storeUrl, ServingTable<T> table, int maxBufferedRows) {
    SqlDialect.forUrl(storeUrl);
    if (maxBufferedRows < 1) {
      throw new IllegalArgumentException("maxBufferedRows must be >= 1, was " + maxBufferedRows);
    }
    this.storeUrl = storeUrl;
    this.table = Objects.requireNonNull(table, "table");
    this.maxBufferedRows = maxBufferedRows;
  }

  /** The table this sink writes. */
  public ServingTable<T> table() {
    return table;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    return createWriter(context.metricGroup().getNumRecordsSendCounter());
  }

  /** A writer outside Flink; rows upserted are counted on {@code rowsWritten}. */
  ServingStoreWriter<T> createWriter(Counter rowsWritten) throws IOException {
    return new ServingStoreWriter<>(storeUrl, table, maxBufferedRows, rowsWritten);
  }

  /**
   * The same writer Flink gets, driven by the caller instead (the {@code store} benchmark): {@code
   * write} buffers rows, {@code flush} upserts them in one transaction, {@code close} releases the
   * connection without writing what is still buffered. Rows upserted are counted on {@code
   * rowsWritten}.
   */
  public SinkWriter<T> createStandaloneWriter(Counter rowsWritten) throws IOException {
    return createWriter(rowsWritten);
  }

  @Override
  public String toString() {
    return "ServingStoreSink[" + table.name() + "]";
  }
}
