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

  private Figures() {}

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
