package io.freshet.bench.harness;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency distribution in milliseconds.
 *
 * @param count how many latencies were recorded
 */
public record LatencySummary(
    long count, double p50, double p90, double p99, double p999, double max, double mean) {

  /** Summarises a histogram recorded in milliseconds. */
  public static LatencySummary of(Histogram millis) {
    return new LatencySummary(
        millis.getTotalCount(),
        millis.getValueAtPercentile(50),
        millis.getValueAtPercentile(90),
        millis.getValueAtPercentile(99),
        millis.getValueAtPercentile(99.9),
        millis.getMaxValue(),
        millis.getMean());
  }

  /** Summarises a histogram recorded in microseconds, in milliseconds with their fractions. */
  public static LatencySummary ofMicros(Histogram micros) {
    return new LatencySummary(
        micros.getTotalCount(),
        micros.getValueAtPercentile(50) / 1e3,
        micros.getValueAtPercentile(90) / 1e3,
        micros.getValueAtPercentile(99) / 1e3,
        micros.getValueAtPercentile(99.9) / 1e3,
        micros.getMaxValue() / 1e3,
        micros.getMean() / 1e3);
  }

  /** A histogram for latencies of up to ten minutes at 3 significant digits. */
  public static Histogram newHistogram() {
    return new Histogram(600_000L, 3);
  }
}
