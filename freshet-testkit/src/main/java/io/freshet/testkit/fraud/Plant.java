package io.freshet.testkit.fraud;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A pattern planted on one customer with what the generator built it to produce, independently of
 * {@link FraudReference}.
 *
 * @param mustAlert alerts ({@code RULE:transaction_id}) that must be emitted
 * @param mustNotAlert alerts that must not be emitted, whether the rule does not fire or is
 *     suppressed
 * @param expectedDecisions decisions (transaction_id to APPROVE/REVIEW/BLOCK) for the pattern's
 *     transactions
 */
public record Plant(
    String customerId,
    PlantedPattern pattern,
    Set<String> mustAlert,
    Set<String> mustNotAlert,
    Map<String, String> expectedDecisions) {

  public Plant {
    mustAlert = Collections.unmodifiableSet(new TreeSet<>(mustAlert));
    mustNotAlert = Collections.unmodifiableSet(new TreeSet<>(mustNotAlert));
    expectedDecisions = Collections.unmodifiableMap(new TreeMap<>(expectedDecisions));
  }
}
