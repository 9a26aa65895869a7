package io.freshet.core.fraud;

/**
 * What the fraud rules keep per customer besides the 30-day {@link AmountLedger}: a few scalars,
 * the transactions of the last few minutes and the event-id fingerprints of the last 24 hours, so
 * its size does not grow with the customer's history.
 *
 * <p>A plain immutable record without behaviour, stored by Flink as a POJO (records are supported,
 * and so is restoring into a version with added components); {@link FraudDetector} reads and
 * rebuilds it. Arrays are never mutated once in a summary.
 *
 * <p>Entries with event time at most {@code storedUpTo} are in the ledger's chunks, chained from
 * {@code oldestChunk} to {@code newestChunk}; newer ones are the {@code recent*} arrays, ascending
 * by time with equal times aggregated. The running window count and sum cover both.
 *
 * @param maxEventTime the greatest event time seen, or {@link FraudDetector#NEVER}
 * @param previousEventTime event time of the previously arrived transaction, or NEVER
 * @param previousLat latitude of the previous transaction, NaN when it had no location
 * @param previousLon longitude of the previous transaction, NaN when it had no location
 * @param lastAlertTimes per {@link FraudRule#ordinal()}, event time of the last emitted alert or
 *     NEVER
 * @param windowCount transactions retained for the amount rule (within its lookback of {@code
 *     maxEventTime})
 * @param windowSumMicros their amounts' sum in micro-units
 * @param oldestChunk id of the oldest {@link LedgerChunk}, or -1 when the ledger is empty
 * @param oldestTime the oldest stored event time (the oldest chunk's first), or NEVER: what leaves
 *     the amount window is known without reading the ledger
 * @param newestChunk id of the newest chunk, or -1
 * @param appendId the id the next chunk appended after the newest gets, already written into the
 *     newest chunk as its successor
 * @param nextChunkId the least id never used, for chunks split off by late transactions
 * @param storedUpTo every entry at or before this event time is in the ledger, none after it
 * @param recentTimes event times after {@code storedUpTo}, ascending, distinct
 * @param recentCounts transactions at each of {@code recentTimes}
 * @param recentSumMicros their summed amounts in micro-units
 * @param eventIdFingerprints {@link EventIds#fingerprint}s of the event ids seen within the
 *     duplicate window, in arrival order
 * @param eventIdTimes event times of {@code eventIdFingerprints}
 * @param retainedUntil the event time (watermark) until which the customer is kept although idle,
 *     NEVER before the first transaction; it only grows, and the operator's one cleanup timer
 *     re-arms itself for it, so activity costs no timer or state of its own
 */
public record CustomerSummary(
    long maxEventTime,
    long previousEventTime,
    double previousLat,
    double previousLon,
    long[] lastAlertTimes,
    int windowCount,
    long windowSumMicros,
    int oldestChunk,
    long oldestTime,
    int newestChunk,
    int appendId,
    int nextChunkId,
    long storedUpTo,
    long[] recentTimes,
    int[] recentCounts,
    long[] recentSumMicros,
    long[] eventIdFingerprints,
    long[] eventIdTimes,
    long retainedUntil) {}
