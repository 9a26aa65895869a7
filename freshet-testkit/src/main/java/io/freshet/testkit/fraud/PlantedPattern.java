package io.freshet.testkit.fraud;

/** The fraud patterns and rule-boundary cases the generator plants on chosen customers. */
public enum PlantedPattern {
  /**
   * Three bursts of 6-8 transactions: the first alerts on its 6th, the second follows within 5 min
   * of that alert and is suppressed, the third comes more than 5 min after everything and alerts.
   */
  VELOCITY_BURSTS,
  /** Six transactions whose first and sixth are exactly 120 s apart: no velocity alert. */
  VELOCITY_WINDOW_EDGE_OUT,
  /** Six transactions whose first and sixth are 119.999 s apart: the sixth alerts. */
  VELOCITY_WINDOW_EDGE_IN,
  /** A second velocity alert exactly 300 s after the first: not suppressed. */
  SUPPRESSION_EDGE_AT,
  /** A second velocity alert 299.999 s after the first: suppressed. */
  SUPPRESSION_EDGE_BELOW,
  /**
   * Alert at 50 s, suppressed firing at 250 s, firing at 430 s: alerts, because suppression counts
   * from the last EMITTED alert (50 s), not from the last firing (250 s).
   */
  SUPPRESSION_FROM_EMITTED,
  /** Two transactions 30 min and about 5000 km apart. */
  IMPOSSIBLE_TRAVEL,
  /** About 5000 km exactly 3600 s after the previous transaction: alerts. */
  TRAVEL_EDGE_AT,
  /** About 5000 km 3600.001 s after the previous transaction: no alert. */
  TRAVEL_EDGE_OVER,
  /** Background transactions, then one more than three times the largest of them. */
  AMOUNT_ANOMALY,
  /** Five priors of 100.00, then 300.00: not strictly greater than 3 x mean, no alert. */
  AMOUNT_EDGE_AT,
  /** Five priors of 100.00, then 300.01: alerts. */
  AMOUNT_EDGE_OVER,
  /** Only four priors of 100.00, then 1000.00: too few priors, no alert. */
  AMOUNT_TOO_FEW_PRIORS,
  /** A 40-day-old 100.00 plus four recent ones, then 1000.00: the old one does not count. */
  STALE_PRIOR,
  /** A 100.00 exactly 30 days old plus four recent ones, then 1000.00: it counts, alert. */
  LOOKBACK_EDGE,
  /**
   * A transaction 30 min and about 5000 km after the previous one, for more than three times the
   * largest prior amount: two rules fire, BLOCK.
   */
  TRAVEL_AND_AMOUNT,
  /** Background transactions of which some adjacent pairs arrive in reverse event-time order. */
  OUT_OF_ORDER
}
