package io.freshet.core.fraud;

import java.util.HashMap;
import java.util.Map;

/**
 * An {@link AmountLedger} in a plain hash map: for unit tests and benchmarks. Deliberately
 * unordered, like Flink's heap MapState, so nothing can come to rely on iteration order.
 */
public final class InMemoryLedger implements AmountLedger {
  private final Map<Integer, LedgerChunk> entries = new HashMap<>();

  @Override
  public LedgerChunk get(int id) {
    return entries.get(id);
  }

  @Override
  public void put(int id, LedgerChunk chunk) {
    entries.put(id, chunk);
  }

  @Override
  public void remove(int id) {
    entries.remove(id);
  }

  /** Number of stored chunks. */
  public int size() {
    return entries.size();
  }

  /** A copy of the stored chunks by id. */
  public Map<Integer, LedgerChunk> entries() {
    return Map.copyOf(entries);
  }

  /** An independent copy, for tests that evaluate one state twice. */
  public InMemoryLedger copy() {
    InMemoryLedger copy = new InMemoryLedger();
    copy.entries.putAll(entries);
    return copy;
  }

  /** Forgets every chunk. */
  public void clear() {
    entries.clear();
  }
}
