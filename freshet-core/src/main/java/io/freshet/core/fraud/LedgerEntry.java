package io.freshet.core.fraud;

/**
 * The transactions of one customer at one event time, as the amount rule needs them.
 *
 * @param count how many transactions have exactly this event time
 * @param sumMicros their summed amount in micro-units (see {@link Amounts#toMicros})
 * @param nextGap event time of the next newer stored entry minus this one's, always positive;
 *     meaningless on the newest stored entry, whose successor the summary tracks
 */
public record LedgerEntry(int count, long sumMicros, long nextGap) {
  /** This entry with one more transaction of {@code micros}. */
  LedgerEntry plus(long micros) {
    return new LedgerEntry(count + 1, Math.addExact(sumMicros, micros), nextGap);
  }

  /** This entry chained to a successor {@code gap} milliseconds later. */
  LedgerEntry withNextGap(long gap) {
    return new LedgerEntry(count, sumMicros, gap);
  }
}
