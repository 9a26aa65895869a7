package io.freshet.core.fraud;

import java.util.HashMap;
import java.util.Map;

/**
 * An {@link AmountLedger} in a plain hash map: for unit tests and benchmarks. Deliberately
 * unordered, like Flink's heap MapState, so nothing can come to rely on iteration order.
 */
public final class InMemoryLedger implements AmountLedger {
  private final Map<Long, LedgerEntry> entries = new HashMap<>();

  @Override
  public LedgerEntry get(long eventTime) {
    return entries.get(eventTime);
  }

  @Override
  public void put(long eventTime, LedgerEntry entry) {
    entries.put(eventTime, entry);
  }

  @Override
  public void remove(long eventTime) {
    entries.remove(eventTime);
  }

  /** Number of stored event times. */
  public int size() {
    return entries.size();
  }

  /** A copy of the stored entries by event time. */
  public Map<Long, LedgerEntry> entries() {
    return Map.copyOf(entries);
  }

  /** An independent copy, for tests that evaluate one state twice. */
  public InMemoryLedger copy() {
    InMemoryLedger copy = new InMemoryLedger();
    copy.entries.putAll(entries);
    return copy;
  }

  /** Forgets every entry. */
  public void clear() {
    entries.clear();
  }
}
