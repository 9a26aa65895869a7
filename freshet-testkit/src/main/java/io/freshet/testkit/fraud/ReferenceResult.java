package io.freshet.testkit.fraud;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the pipeline must output for a sequence of records, as computed by {@link FraudReference}.
 *
 * @param expectedAlerts emitted alerts as {@code RULE:transaction_id}, after dedup
 * @param suppressedAlerts rule firings that dedup suppressed, same format
 * @param expectedDecisions transaction_id to APPROVE, REVIEW or BLOCK for every valid unique
 *     transaction
 * @param validUnique valid transactions processed (first deliveries)
 * @param duplicates valid records skipped because their event_id was already processed
 * @param malformed records that must be dead-lettered
 */
public record ReferenceResult(
    Set<String> expectedAlerts,
    Set<String> suppressedAlerts,
    Map<String, String> expectedDecisions,
    long validUnique,
    long duplicates,
    long malformed) {

  public ReferenceResult {
    // Sorted copies make assertion failures diff readably.
    expectedAlerts = Collections.unmodifiableSet(new TreeSet<>(expectedAlerts));
    suppressedAlerts = Collections.unmodifiableSet(new TreeSet<>(suppressedAlerts));
    expectedDecisions = Collections.unmodifiableMap(new TreeMap<>(expectedDecisions));
  }

  /** Emitted alerts of one rule, e.g. {@code alertsFor("VELOCITY")}. */
  public Set<String> alertsFor(String rule) {
    TreeSet<String> out = new TreeSet<>();
    for (String alert : expectedAlerts) {
      if (alert.startsWith(rule + ":")) {
        out.add(alert);
      }
    }
    return Collections.unmodifiableSet(out);
  }

  public long alertCount(String rule) {
    return alertsFor(rule).size();
  }

  /** How many transactions got a verdict, e.g. {@code decisionCount("BLOCK")}. */
  public long decisionCount(String verdict) {
    return expectedDecisions.values().stream().filter(verdict::equals).count();
  }
}
