package io.freshet.runtime.status;

import io.freshet.runtime.status.MetricValues.Bucket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * A latency histogram over the last minute, from cumulative samples of it. Quantiles since the
 * start would be stuck with the catch-up of the first seconds for hours; the window is what the
 * alert rule looks at too (a rate over minutes). Not thread-safe.
 */
final class LatencyWindow {
  /** How far back the observations go: from the newest sample at least this old. */
  static final Duration WINDOW = Duration.ofMinutes(1);

  private record Sample(long atMillis, List<Bucket> buckets) {}

  private final Deque<Sample> samples = new ArrayDeque<>();

  /**
   * Takes the histogram's cumulative buckets at {@code nowMillis} and returns the observations of
   * the window: since the newest earlier sample at least {@link #WINDOW} old, or the oldest there
   * is, or since the start when there is none.
   */
  List<Bucket> observe(long nowMillis, List<Bucket> cumulative) {
    Sample last = samples.peekLast();
    // Samples closer than half a second apart add nothing but memory: keep the last one.
    if (last == null || nowMillis - last.atMillis() >= 500) {
      samples.addLast(new Sample(nowMillis, List.copyOf(cumulative)));
    }
    long windowStart = nowMillis - WINDOW.toMillis();
    while (samples.size() > 1 && secondOldest().atMillis() <= windowStart) {
      samples.removeFirst();
    }
    Sample baseline = samples.peekFirst();
    if (baseline.atMillis() >= nowMillis || baseline.buckets().size() != cumulative.size()) {
      return cumulative;
    }
    List<Bucket> observed = new ArrayList<>(cumulative.size());
    for (int i = 0; i < cumulative.size(); i++) {
      long before = baseline.buckets().get(i).cumulativeCount();
      observed.add(
          new Bucket(
              cumulative.get(i).upperBound(),
              Math.max(0, cumulative.get(i).cumulativeCount() - before)));
    }
    return observed;
  }

  private Sample secondOldest() {
    Iterator<Sample> it = samples.iterator();
    it.next();
    return it.next();
  }

  /**
   * The {@code q}-quantile as Prometheus's {@code histogram_quantile} computes it: linear within
   * the bucket the rank falls in (from 0 for the first), the highest finite bound for the +Inf
   * bucket; NaN without observations.
   */
  static double quantile(double q, List<Bucket> cumulative) {
    if (cumulative.isEmpty()) {
      return Double.NaN;
    }
    long total = cumulative.get(cumulative.size() - 1).cumulativeCount();
    if (total == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    for (int i = 0; i < cumulative.size(); i++) {
      Bucket b = cumulative.get(i);
      if (b.cumulativeCount() < rank) {
        continue;
      }
      double lower = i == 0 ? 0 : cumulative.get(i - 1).upperBound();
      if (Double.isInfinite(b.upperBound())) {
        return lower;
      }
      long countBelow = i == 0 ? 0 : cumulative.get(i - 1).cumulativeCount();
      long inBucket = b.cumulativeCount() - countBelow;
      return lower + (b.upperBound() - lower) * (rank - countBelow) / inBucket;
    }
    return Double.NaN;
  }
}
