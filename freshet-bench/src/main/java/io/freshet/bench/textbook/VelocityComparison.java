package io.freshet.bench.textbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the textbook job's window alerts with the exact alerts: each exact alert is one burst; a
 * textbook alert belongs to a burst when its window overlaps the burst's neighbourhood.
 *
 * @param bursts exact alerts, one per burst of activity
 * @param textbookAlerts windows over the limit
 * @param detected bursts with at least one textbook alert
 * @param missed bursts without any textbook alert
 * @param repeated textbook alerts beyond the first for the same burst
 * @param spurious textbook alerts near no burst
 * @param meanDelayMillis event time from the exact alert to the end of the first textbook window
 *     that reported the burst (when a textbook user could first know), over detected bursts
 * @param maxDelayMillis the largest such delay
 */
public record VelocityComparison(
    long bursts,
    long textbookAlerts,
    long detected,
    long missed,
    long repeated,
    long spurious,
    double meanDelayMillis,
    long maxDelayMillis) {

  /**
   * Matches windows to bursts: a burst's transactions lie within one velocity window before its
   * exact alert and one after it (bursts last less than a window).
   */
  public static VelocityComparison compare(
      List<ExactAlert> exact, Collection<VelocityWindowCount> textbook, Duration velocityWindow) {
    long reach = velocityWindow.toMillis();
    Map<String, List<VelocityWindowCount>> byCustomer = new HashMap<>();
    for (VelocityWindowCount w : textbook) {
      byCustomer.computeIfAbsent(w.customerId(), c -> new ArrayList<>()).add(w);
    }
    Map<VelocityWindowCount, Boolean> matched = new HashMap<>();
    long detected = 0;
    long repeated = 0;
    long delaySum = 0;
    long maxDelay = 0;
    for (ExactAlert alert : exact) {
      long from = alert.eventTime() - reach;
      long to = alert.eventTime() + reach;
      long firstEnd = Long.MAX_VALUE;
      int hits = 0;
      for (VelocityWindowCount w : byCustomer.getOrDefault(alert.customerId(), List.of())) {
        if (w.windowStart() < to && w.windowEnd() > from) {
          hits++;
          matched.put(w, Boolean.TRUE);
          firstEnd = Math.min(firstEnd, w.windowEnd());
        }
      }
      if (hits > 0) {
        detected++;
        repeated += hits - 1;
        // A window reporting a burst may close before the exact alert when it caught only its
        // start; an earlier report is no delay.
        long delay = Math.max(0, firstEnd - alert.eventTime());
        delaySum += delay;
        maxDelay = Math.max(maxDelay, delay);
      }
    }
    long spurious = textbook.size() - matched.size();
    return new VelocityComparison(
        exact.size(),
        textbook.size(),
        detected,
        exact.size() - detected,
        repeated,
        spurious,
        detected == 0 ? 0 : (double) delaySum / detected,
        maxDelay);
  }
}
