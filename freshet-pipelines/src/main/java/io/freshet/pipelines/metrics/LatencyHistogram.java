package io.freshet.pipelines.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;

/**
 * A Flink histogram of latencies in milliseconds with fixed Prometheus-style buckets, so that
 * subtasks can be merged and exported as a real Prometheus histogram (quantiles computed by
 * Prometheus, not averaged per subtask).
 */
public final class LatencyHistogram implements Histogram {
  /**
   * Upper bounds in seconds; the last, implicit bucket is +Inf. They reach past 5 × the slowest
   * pipeline SLA (60 s) so a p99 breach is still measurable.
   */
  public static final double[] BOUNDS_SECONDS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600
  };

  private static final long[] BOUNDS_MILLIS =
      Arrays.stream(BOUNDS_SECONDS).mapToLong(s -> Math.round(s * 1000)).toArray();

  /** Non-cumulative count per bucket, +Inf last. */
  private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS_SECONDS.length + 1);

  private final AtomicLong count = new AtomicLong();
  private final AtomicLong sumMillis = new AtomicLong();

  /** Records one latency; negative values (clock skew) count as zero. */
  @Override
  public void update(long millis) {
    long value = Math.max(0, millis);
    int i = 0;
    while (i < BOUNDS_MILLIS.length && value > BOUNDS_MILLIS[i]) {
      i++;
    }
    buckets.incrementAndGet(i);
    sumMillis.addAndGet(value);
    count.incrementAndGet();
  }

  @Override
  public long getCount() {
    return count.get();
  }

  /** Sum of all recorded latencies in seconds. */
  public double sumSeconds() {
    return sumMillis.get() / 1000.0;
  }

  /** Cumulative counts per bound of {@link #BOUNDS_SECONDS}, then the total for +Inf. */
  public long[] cumulativeCounts() {
    long[] cumulative = new long[buckets.length()];
    long running = 0;
    for (int i = 0; i < cumulative.length; i++) {
      running += buckets.get(i);
      cumulative[i] = running;
    }
    return cumulative;
  }

  @Override
  public HistogramStatistics getStatistics() {
    return new BucketStatistics(cumulativeCounts(), sumMillis.get());
  }

  /** Approximate statistics from bucket upper bounds, for Flink's own UI and REST API. */
  private static final class BucketStatistics extends HistogramStatistics {
    private final long[] cumulative;
    private final long sum;

    BucketStatistics(long[] cumulative, long sum) {
      this.cumulative = cumulative;
      this.sum = sum;
    }

    @Override
    public double getQuantile(double quantile) {
      long total = size();
      if (total == 0) {
        return 0;
      }
      long rank = (long) Math.ceil(quantile * total);
      for (int i = 0; i < BOUNDS_MILLIS.length; i++) {
        if (cumulative[i] >= rank) {
          return BOUNDS_MILLIS[i];
        }
      }
      return BOUNDS_MILLIS[BOUNDS_MILLIS.length - 1];
    }

    @Override
    public long[] getValues() {
      return new long[0];
    }

    @Override
    public int size() {
      return (int) Math.min(Integer.MAX_VALUE, cumulative[cumulative.length - 1]);
    }

    @Override
    public double getMean() {
      return size() == 0 ? 0 : (double) sum / size();
    }

    @Override
    public double getStdDev() {
      return 0;
    }

    @Override
    public long getMax() {
      return (long) getQuantile(1.0);
    }

    @Override
    public long getMin() {
      return (long) getQuantile(0.0);
    }
  }
}
