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
 * <p>Entries with event time at most {@code storedUpTo} are in the ledger, chained from {@code
 * oldestStored} to {@code newestStored}; newer ones are the {@code recent*} arrays, ascending by
 * time with equal times aggregated. The running window count and sum cover both.
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
 * @param oldestStored event time of the oldest ledger entry, or NEVER when the ledger is empty
 * @param newestStored event time of the newest ledger entry, or NEVER
 * @param newestStoredNext the successor time written into the newest ledger entry
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
    long oldestStored,
    long newestStored,
    long newestStoredNext,
    long storedUpTo,
    long[] recentTimes,
    int[] recentCounts,
    long[] recentSumMicros,
    long[] eventIdFingerprints,
    long[] eventIdTimes,
    long retainedUntil) {}
