package io.freshet.core.fraud;

/**
 * A customer's 30-day amount entries outside the summary: aggregated (count, sum) per event time,
 * chained oldest to newest, so eviction and insertion are point operations whatever the backend.
 *
 * <p>Implementations need no ordering: {@link FraudDetector} finds the oldest entry in the {@link
 * CustomerSummary} and the following ones through {@link LedgerEntry#nextGap()}. The pipelines keep
 * it in Flink {@code MapState}; {@link InMemoryLedger} serves unit tests and benchmarks.
 */
public interface AmountLedger {
  /** The entry at {@code eventTime}, or null when there is none. */
  LedgerEntry get(long eventTime);

  /** Stores {@code entry} at {@code eventTime}, replacing any entry there. */
  void put(long eventTime, LedgerEntry entry);

  /** Removes the entry at {@code eventTime}, if any. */
  void remove(long eventTime);
}
