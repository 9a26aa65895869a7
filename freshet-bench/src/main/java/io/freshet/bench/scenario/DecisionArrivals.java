package io.freshet.bench.scenario;

import io.freshet.bench.IncompleteResultsException;
import io.freshet.bench.harness.LatencySummary;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * When each paced transaction's decision arrived, by transaction sequence number: completeness is
 * counted in distinct transactions, and a missing or repeated decision fails the run instead of
 * passing as a 0 ms latency.
 *
 * <p>One reader thread records; the measuring thread reads after {@link #distinct()} has reached a
 * phase's end, which the atomic counter orders after the array writes.
 */
final class DecisionArrivals {
  private final long[] outputAppend;
  private final long[] visibleAt;
  private final AtomicIntegerArray deliveries;
  private final AtomicLong distinct = new AtomicLong();

  DecisionArrivals(int transactions) {
    outputAppend = new long[transactions];
    visibleAt = new long[transactions];
    deliveries = new AtomicIntegerArray(transactions);
  }

  /**
   * Records the decision of transaction {@code seq}: its append time and when it became visible.
   */
  void record(int seq, long appendTime, long visibleTime) {
    if (deliveries.getAndIncrement(seq) == 0) {
      outputAppend[seq] = appendTime;
      visibleAt[seq] = visibleTime;
      distinct.incrementAndGet();
    }
  }

  /** How many transactions have a decision. */
  long distinct() {
    return distinct.get();
  }

  /**
   * The processing and visible latencies of transactions {@code [first, first + count)}.
   *
   * @throws IncompleteResultsException naming the first transaction without exactly one decision
   */
  Latencies latencies(long[] inputAppend, int first, int count) {
    Histogram processing = LatencySummary.newHistogram();
    Histogram visible = LatencySummary.newHistogram();
    for (int seq = first; seq < first + count; seq++) {
      int delivered = deliveries.get(seq);
      if (delivered != 1) {
        throw new IncompleteResultsException(
            "transaction t"
                + seq
                + (delivered == 0 ? " has no decision" : " has " + delivered + " decisions"));
      }
      processing.recordValue(Math.max(0, outputAppend[seq] - inputAppend[seq]));
      visible.recordValue(Math.max(0, visibleAt[seq] - inputAppend[seq]));
    }
    return new Latencies(LatencySummary.of(processing), LatencySummary.of(visible));
  }

  /** Processing and visible latency of one phase. */
  record Latencies(LatencySummary processing, LatencySummary visible) {}
}
