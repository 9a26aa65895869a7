package io.freshet.core.fraud;

/**
 * A customer's 30-day amount entries outside the summary, as {@link LedgerChunk}s by chunk id:
 * point reads, writes and removals only, so eviction and insertion cost the same on every backend.
 *
 * <p>Implementations need no ordering: {@link CustomerSummary} names the oldest and newest chunk
 * and each chunk names its successor. The pipelines keep it in Flink {@code MapState}; {@link
 * InMemoryLedger} serves unit tests and benchmarks.
 */
public interface AmountLedger {
  /** The chunk with this id, or null when there is none. */
  LedgerChunk get(int id);

  /** Stores {@code chunk} under {@code id}, replacing any chunk there. */
  void put(int id, LedgerChunk chunk);

  /** Removes the chunk with this id, if any. */
  void remove(int id);
}
