package io.freshet.bench.scenario;

import io.freshet.bench.BenchContext;
import io.freshet.bench.BenchOptions;
import io.freshet.bench.BenchScenario;
import io.freshet.bench.Figures;
import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.Progress;
import io.freshet.bench.harness.ResultTable;
import io.freshet.bench.harness.ScenarioResult;
import io.freshet.serving.ServingStore;
import io.freshet.serving.ServingStoreSink;
import io.freshet.serving.ServingTable;
import io.freshet.serving.SqlDialect;
import io.freshet.testkit.postgres.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.SimpleCounter;

/**
 * {@code store}: how many rows per second the serving-store sink upserts, on DuckDB (an embedded
 * file, the default store) and on PostgreSQL (a throwaway local server), into two production
 * tables: the fraud pipeline's {@code transaction_decisions} and the revisioned IoT window table
 * {@code sensor_stats_5s}.
 *
 * <p>The rows go through the sink's own writer ({@link ServingStoreSink#createStandaloneWriter}),
 * as a Flink task drives it: {@code write} per row, then {@code flush} as at a checkpoint barrier,
 * in batches of {@link #BATCH_ROWS} rows (the sink's default buffer bound), so one batch is one
 * upsert transaction. Two shapes per table, timed separately: <em>fresh</em> batches of new keys
 * (the table grows from empty), then <em>update</em> batches rewriting every one of those keys with
 * a newer revision. Rows are built before the clock; the clock covers write and flush, and the CPU
 * time of this JVM and of the PostgreSQL backend is taken over the same span ({@link StoreCpu}). A
 * warm-up batch into a separate store of the same engine runs first, untimed. Afterwards, untimed,
 * the table's row count and column sums are checked against the rows written: a store that lost,
 * duplicated or kept a stale row fails the run.
 */
public final class StoreScenario implements BenchScenario {
  public static final String NAME = "store";

  /** Rows per flush: the sink's default buffer bound, so one batch is one transaction. */
  public static final int BATCH_ROWS = ServingStoreSink.DEFAULT_MAX_BUFFERED_ROWS;

  /** Rows per shape (fresh, update) and table of a full run. */
  public static final long FULL_ROWS = 100_000;

  /** Rows per shape and table of a {@code --quick} run. */
  public static final long QUICK_ROWS = 2L * BATCH_ROWS;

  /** The engines measured, in this order. */
  static final List<SqlDialect> ENGINES = List.of(SqlDialect.DUCKDB, SqlDialect.POSTGRESQL);

  /** The shapes measured per table, in this order. */
  static final List<String> SHAPES = List.of(StoreWorkload.FRESH, StoreWorkload.UPDATE);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "serving-store sink upserts into DuckDB and PostgreSQL, batches of "
        + String.format(Locale.ROOT, "%,d", BATCH_ROWS)
        + " rows, fresh keys and updates of existing keys: rows/s per engine, table and shape";
  }

  @Override
  public boolean needsCluster() {
    return false;
  }

  @Override
  public ScenarioResult run(BenchContext context) throws Exception {
    BenchOptions options = context.options();
    // Whole batches only, at least one.
    int batches = (int) Math.max(1, options.size(FULL_ROWS, QUICK_ROWS) / BATCH_ROWS);
    int rows = batches * BATCH_ROWS;
    Path dir = context.workDir().resolve(NAME);
    Files.createDirectories(dir);
    List<StoreWorkload<?>> workloads =
        List.of(StoreWorkload.decisions(), StoreWorkload.sensorStats());

    List<Measured> measured = new ArrayList<>();
    List<String> versions = new ArrayList<>();
    int[] duckDbFiles = {0};
    for (SqlDialect engine : ENGINES) {
      try (PostgresCluster postgres =
          engine == SqlDialect.POSTGRESQL ? PostgresCluster.start() : null) {
        Supplier<String> newStore =
            engine == SqlDialect.DUCKDB
                ? () -> ServingStore.defaultUrl(dir.resolve("duckdb-" + ++duckDbFiles[0]))
                : postgres::newStoreUrl;
        for (StoreWorkload<?> workload : workloads) {
          measured.addAll(measure(context, engine, workload, rows, newStore));
        }
        versions.add(engineVersion(newStore.get(), workloads.get(0)));
      }
    }
    return result(options, batches, rows, measured, versions);
  }

  /** One engine, table and shape: wall-clock time per batch and CPU time over all batches. */
  record Measured(
      SqlDialect engine,
      String table,
      String shape,
      long rows,
      long[] batchNanos,
      long[] flushNanos,
      long nanos,
      long cpuNanos) {
    double rowsPerSecond() {
      return rows / (nanos / 1e9);
    }

    double cpuMicrosPerRow() {
      return cpuNanos / 1e3 / rows;
    }

    double batchMillis(double quantile) {
      return quantileMillis(batchNanos, quantile);
    }

    double flushMillis(double quantile) {
      return quantileMillis(flushNanos, quantile);
    }

    private static double quantileMillis(long[] nanos, double quantile) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
      return sorted[Math.max(0, index)] / 1e6;
    }
  }

  private static <T> List<Measured> measure(
      BenchContext context,
      SqlDialect engine,
      StoreWorkload<T> workload,
      int rows,
      Supplier<String> newStore)
      throws Exception {
    String label = engine.name().toLowerCase(Locale.ROOT) + "-" + workload.table().name();
    long seed = context.options().seed();
    warmUp(newStore.get(), workload, seed);
    String url = newStore.get();
    List<Measured> measured = new ArrayList<>();
    try (ServingStore store = ServingStore.open(url, List.of(workload.table()))) {
      for (String shape : SHAPES) {
        List<T> input = workload.rows(shape, seed, 0, rows);
        long nanos =
            context.timed(
                label + "-" + shape,
                () -> {
                  Timing timing =
                      writeInBatches(
                          context.progress(),
                          label + " " + shape,
                          engine,
                          url,
                          workload.table(),
                          input);
                  measured.add(
                      new Measured(
                          engine,
                          workload.table().name(),
                          shape,
                          rows,
                          timing.batchNanos(),
                          timing.flushNanos(),
                          Arrays.stream(timing.batchNanos()).sum(),
                          timing.cpuNanos()));
                  return 0L;
                });
        check(store, workload, input, label + " after " + shape);
      }
    }
    return measured;
  }

  /** One fresh batch into a store of its own: JIT, driver and engine caches, untimed. */
  private static <T> void warmUp(String url, StoreWorkload<T> workload, long seed)
      throws Exception {
    try (SinkWriter<T> writer =
        new ServingStoreSink<>(url, workload.table()).createStandaloneWriter(new SimpleCounter())) {
      for (T row : workload.rows(StoreWorkload.FRESH, seed, 0, BATCH_ROWS)) {
        writer.write(row, null);
      }
      writer.flush(false);
    }
  }

  /** Wall-clock nanoseconds of each batch and of its flush, CPU nanoseconds of them all. */
  private record Timing(long[] batchNanos, long[] flushNanos, long cpuNanos) {}

  /** Writes the rows through one sink writer, a flush per batch. */
  private static <T> Timing writeInBatches(
      Progress progress,
      String label,
      SqlDialect engine,
      String url,
      ServingTable<T> table,
      List<T> input)
      throws Exception {
    int batches = input.size() / BATCH_ROWS;
    long[] batchNanos = new long[batches];
    long[] flushNanos = new long[batches];
    long cpuNanos;
    SimpleCounter written = new SimpleCounter();
    Progress.Step step = progress.start(label, input.size());
    // A buffer bound of one more than a batch, so each batch's upsert runs in flush, as at a
    // checkpoint barrier, and buffering and upserting are timed apart. With the default bound of
    // exactly a batch the last write would upsert instead: the same one transaction per batch.
    try (SinkWriter<T> writer =
            new ServingStoreSink<>(url, table, BATCH_ROWS + 1).createStandaloneWriter(written);
        StoreCpu cpu =
            engine == SqlDialect.POSTGRESQL ? StoreCpu.withServer(url) : StoreCpu.inProcess()) {
      long cpuStart = cpu.nanos();
      for (int b = 0; b < batches; b++) {
        List<T> batch = input.subList(b * BATCH_ROWS, (b + 1) * BATCH_ROWS);
        long start = System.nanoTime();
        for (T row : batch) {
          writer.write(row, null);
        }
        long flushStart = System.nanoTime();
        writer.flush(false);
        long end = System.nanoTime();
        batchNanos[b] = end - start;
        flushNanos[b] = end - flushStart;
        step.update((long) (b + 1) * BATCH_ROWS);
      }
      cpuNanos = cpu.nanos() - cpuStart;
    }
    IncompleteResultsException.requireEqual(
        label + " rows upserted", input.size(), written.getCount());
    return new Timing(batchNanos, flushNanos, cpuNanos);
  }

  /** The table must hold exactly {@code written}: one row per key, each the last one written. */
  private static <T> void check(
      ServingStore store, StoreWorkload<T> workload, List<T> written, String what)
      throws SQLException {
    long[] expected = workload.sums().apply(written);
    long[] actual = new long[expected.length];
    try (Connection connection = store.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(workload.sumsSql())) {
      rs.next();
      for (int i = 0; i < actual.length; i++) {
        actual[i] = rs.getLong(i + 1);
      }
    }
    if (!Arrays.equals(expected, actual)) {
      throw new IncompleteResultsException(
          what
              + ": "
              + workload.sumsSql()
              + " gave "
              + Arrays.toString(actual)
              + ", expected "
              + Arrays.toString(expected));
    }
  }

  private static String engineVersion(String url, StoreWorkload<?> workload) throws SQLException {
    try (ServingStore store = ServingStore.open(url, List.of(workload.table()));
        Connection connection = store.connect()) {
      return connection.getMetaData().getDatabaseProductName()
          + " "
          + connection.getMetaData().getDatabaseProductVersion();
    }
  }

  private ScenarioResult result(
      BenchOptions options, int batches, int rows, List<Measured> measured, List<String> versions) {
    ScenarioResult.Builder result =
        new ScenarioResult.Builder(NAME, options.quick())
            .parameter("batch_rows", BATCH_ROWS)
            .parameter("batches_per_shape", batches)
            .parameter("rows_per_shape", rows)
            .parameter("engines", versions)
            .parameter("seed", options.seed());
    ResultTable.Builder table =
        ResultTable.titled(
            "Serving-store sink upserts ("
                + String.format(Locale.ROOT, "%,d", BATCH_ROWS)
                + " rows per flush)",
            "engine",
            "table",
            "shape",
            "rows",
            "seconds",
            "rows/s",
            "batch p50 ms",
            "flush p50 ms",
            "batch max ms",
            "CPU µs/row");
    for (Measured m : measured) {
      String engine = m.engine().name().toLowerCase(Locale.ROOT);
      table.row(
          engine,
          m.table(),
          m.shape(),
          Format.count(m.rows()),
          Format.seconds(m.nanos() / 1e9),
          Format.count(m.rowsPerSecond()),
          Format.millis(m.batchMillis(0.5)),
          Format.millis(m.flushMillis(0.5)),
          Format.millis(m.batchMillis(1.0)),
          Format.millis(m.cpuMicrosPerRow()));
      result.figure(Figures.storeRate(engine, m.table(), m.shape()), m.rowsPerSecond());
      result.figure(Figures.storeCpu(engine, m.table(), m.shape()), m.cpuMicrosPerRow());
    }
    return result
        .table(table.build())
        .note(
            "DuckDB: a file in the bench's temp dir, the store's fixed settings (memory_limit 1GB)."
                + " PostgreSQL: the tests' throwaway server on 127.0.0.1 with fsync,"
                + " synchronous_commit and full_page_writes off, so commits cost no disk flush.")
        .note(
            "A batch is 10,000 writes (mapping each record to its row and buffering it by key)"
                + " and one flush (the upsert transaction); flush p50 is the median flush alone.")
        .note(
            "CPU µs/row: CPU time of the bench JVM (every thread, DuckDB's own included) plus, for"
                + " PostgreSQL, of the server backend serving the writer, over all batches of the"
                + " shape, per row. Unlike rows/s it hardly depends on what else the machine runs.")
        .note(
            "Each shape's table and sums were checked after its last batch: every key once, every"
                + " row at its newest revision.")
        .build();
  }
}
