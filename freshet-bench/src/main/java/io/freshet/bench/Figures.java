package io.freshet.bench;

/**
 * Names of the figures scenarios record and other scenarios, ratios and charts read; one place so
 * producer and reader cannot drift apart.
 */
public final class Figures {
  /** Events per second from job start until the last result was visible. */
  public static final String THROUGHPUT = "throughput_eps";

  /** {@code kafka-limit}: producer records per second. */
  public static final String PRODUCE_RATE = "produce_rps";

  /** {@code kafka-limit}: consumer records per second. */
  public static final String CONSUME_RATE = "consume_rps";

  /**
   * {@code kafka-limit}: the rate of producing then consuming the same records, 1 / (1/p + 1/c):
   * the ceiling for a job that reads every input record and writes one result for it.
   */
  public static final String PRODUCE_CONSUME_RATE = "produce_consume_rps";

  /** {@code kafka-limit}: Kafka's own end-to-end latency percentiles (ms). */
  public static final String KAFKA_E2E_P50 = "e2e_p50_ms";

  public static final String KAFKA_E2E_P99 = "e2e_p99_ms";
  public static final String KAFKA_E2E_P999 = "e2e_p999_ms";

  /** Ratio of a pipeline's throughput to {@code kafka-limit}'s produce + consume rate. */
  public static final String RATIO_KAFKA = "ratio_to_kafka_limit";

  /** Ratio of a pipeline's throughput to {@code flink-passthrough}. */
  public static final String RATIO_PASSTHROUGH = "ratio_to_flink_passthrough";

  /**
   * {@code velocity-textbook}: events per second of the fraud pipeline over the velocity backlog.
   */
  public static final String FRESHET_THROUGHPUT = "freshet_eps";

  /** {@code velocity-textbook}: events per second of the textbook sliding-window job. */
  public static final String TEXTBOOK_THROUGHPUT = "textbook_eps";

  /** {@code velocity-textbook}: how many velocity bursts the input plants. */
  public static final String BURSTS = "bursts";

  /** {@code velocity-textbook}: alerts the fraud pipeline's exact velocity rule raised. */
  public static final String EXACT_ALERTS = "exact_alerts";

  /** {@code velocity-textbook}: alerts the textbook sliding-window job raised. */
  public static final String TEXTBOOK_ALERTS = "textbook_alerts";

  /** {@code velocity-textbook}: planted bursts the textbook job raised no alert for. */
  public static final String TEXTBOOK_MISSED = "textbook_missed";

  /** {@code velocity-textbook}: textbook alerts beyond the first for the same burst. */
  public static final String TEXTBOOK_REPEATED = "textbook_repeated";

  /** {@code analytics-throughput}: events per second of the clickstream pipeline. */
  public static final String CLICKSTREAM_THROUGHPUT = "clickstream_eps";

  /** {@code analytics-throughput}: events per second of the IoT pipeline. */
  public static final String IOT_THROUGHPUT = "iot_eps";

  /** {@code state}: checkpointed state bytes per customer, heap backend. */
  public static final String CUSTOMER_STATE_BYTES_HEAP = "customer_state_bytes_heap";

  /** {@code state}: checkpointed state bytes per customer, RocksDB backend. */
  public static final String CUSTOMER_STATE_BYTES_ROCKSDB = "customer_state_bytes_rocksdb";

  /** {@code state}: growth of used heap per customer on the heap backend (approximate). */
  public static final String CUSTOMER_HEAP_BYTES_MEASURED = "customer_heap_bytes_measured";

  /** {@code state}: checkpointed state bytes per device, heap backend. */
  public static final String DEVICE_STATE_BYTES_HEAP = "device_state_bytes_heap";

  /** {@code state}: checkpointed state bytes per device, RocksDB backend. */
  public static final String DEVICE_STATE_BYTES_ROCKSDB = "device_state_bytes_rocksdb";

  /** {@code state}: bytes written by a full checkpoint of the customer state, heap backend. */
  public static final String CHECKPOINT_BYTES_HEAP = "checkpoint_bytes_heap";

  /** {@code state}: end-to-end duration of that checkpoint (ms). */
  public static final String CHECKPOINT_MS_HEAP = "checkpoint_ms_heap";

  /** {@code state}: bytes written by a full checkpoint of the customer state, RocksDB backend. */
  public static final String CHECKPOINT_BYTES_ROCKSDB = "checkpoint_bytes_rocksdb";

  /** {@code state}: end-to-end duration of that checkpoint (ms). */
  public static final String CHECKPOINT_MS_ROCKSDB = "checkpoint_ms_rocksdb";

  /** {@code state}: the highest heap use of a whole {@code freshet run} under demo traffic. */
  public static final String DEMO_HEAP_USED_MAX = "demo_heap_used_max_bytes";

  /** {@code state}: the highest resident set size of that process. */
  public static final String DEMO_RSS_MAX = "demo_rss_max_bytes";

  /** {@code recovery}: seconds from {@code kill -9} to the first new committed decision. */
  public static final String RECOVERY_SECONDS = "recovery_seconds";

  /** {@code recovery}: seconds from starting the process again to {@code /api/health} 200. */
  public static final String RESTART_TO_HEALTHY_SECONDS = "restart_to_healthy_seconds";

  /** {@code recovery}: decisions written twice (aborted with the killed process's transaction). */
  public static final String EVENTS_REPROCESSED = "events_reprocessed";

  /** {@code recovery}: the checkpoint interval the process ran with (ms). */
  public static final String CHECKPOINT_INTERVAL_MS = "checkpoint_interval_ms";

  private Figures() {}

  /**
   * {@code store}: rows per second the serving-store sink upserted, e.g. {@code
   * duckdb.transaction_decisions.fresh_rows_per_s}.
   *
   * @param engine {@code duckdb} or {@code postgresql}
   * @param table the serving table written
   * @param shape {@code fresh} (new keys) or {@code update} (existing keys, newer values)
   */
  public static String storeRate(String engine, String table, String shape) {
    return engine + "." + table + "." + shape + "_rows_per_s";
  }

  /**
   * {@code store}: CPU microseconds per row upserted (this JVM, and for PostgreSQL the server
   * backend), e.g. {@code duckdb.transaction_decisions.fresh_cpu_us_per_row}.
   */
  public static String storeCpu(String engine, String table, String shape) {
    return engine + "." + table + "." + shape + "_cpu_us_per_row";
  }

  /**
   * {@code fraud-latency}: a latency percentile at one input rate, e.g. {@code
   * rate_5000.processing.p99_ms}.
   *
   * @param kind {@code processing} (input append to decision append) or {@code visible} (input
   *     append to a read_committed consumer receiving it)
   * @param percentile {@code p50}, {@code p90}, {@code p99}, {@code p999} or {@code max}
   */
  public static String latency(int rate, String kind, String percentile) {
    return "rate_" + rate + "." + kind + "." + percentile + "_ms";
  }
}
