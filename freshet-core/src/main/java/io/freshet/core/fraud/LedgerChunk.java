package io.freshet.core.fraud;

import java.util.Arrays;

/**
 * Up to a few dozen consecutive entries of a customer's 30-day amount ledger in one stored value,
 * so that a state backend keeps one key per chunk rather than one per transaction.
 *
 * <p>Each entry aggregates the transactions at one event time: {@code times} ascending and
 * distinct, with their {@code counts} and summed amounts in micro-units ({@link Amounts#toMicros}).
 * Chunks are chained oldest to newest by {@code next}, the id of the following chunk; on the newest
 * chunk it is the id the next appended chunk will get. Arrays are never mutated once in a chunk.
 *
 * @param times event times, ascending, distinct, at least one
 * @param counts transactions at each of {@code times}
 * @param sumMicros their summed amounts in micro-units
 * @param next id of the next newer chunk (see above)
 */
public record LedgerChunk(long[] times, int[] counts, long[] sumMicros, int next) {
  public LedgerChunk {
    if (times.length == 0 || counts.length != times.length || sumMicros.length != times.length) {
      throw new IllegalArgumentException(
          "a ledger chunk needs at least one entry and as many counts and sums as times");
    }
  }

  /** Number of entries (distinct event times). */
  public int size() {
    return times.length;
  }

  /** The oldest event time in this chunk. */
  long first() {
    return times[0];
  }

  /** This chunk without its {@code n} oldest entries ({@code n < size()}). */
  LedgerChunk withoutOldest(int n) {
    return slice(n, times.length, next);
  }

  /** This chunk with one more transaction of {@code micros} at {@code time}, kept in order. */
  LedgerChunk plus(long time, long micros) {
    int at = Arrays.binarySearch(times, time);
    if (at >= 0) {
      int[] c = counts.clone();
      long[] s = sumMicros.clone();
      c[at] = Math.addExact(c[at], 1);
      s[at] = Math.addExact(s[at], micros);
      return new LedgerChunk(times, c, s, next);
    }
    int i = -at - 1;
    int n = times.length;
    long[] t = new long[n + 1];
    int[] c = new int[n + 1];
    long[] s = new long[n + 1];
    System.arraycopy(times, 0, t, 0, i);
    System.arraycopy(counts, 0, c, 0, i);
    System.arraycopy(sumMicros, 0, s, 0, i);
    t[i] = time;
    c[i] = 1;
    s[i] = micros;
    System.arraycopy(times, i, t, i + 1, n - i);
    System.arraycopy(counts, i, c, i + 1, n - i);
    System.arraycopy(sumMicros, i, s, i + 1, n - i);
    return new LedgerChunk(t, c, s, next);
  }

  /** Entries {@code [from, to)} as a chunk whose successor is {@code next}. */
  LedgerChunk slice(int from, int to, int next) {
    return new LedgerChunk(
        Arrays.copyOfRange(times, from, to),
        Arrays.copyOfRange(counts, from, to),
        Arrays.copyOfRange(sumMicros, from, to),
        next);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LedgerChunk c
        && next == c.next
        && Arrays.equals(times, c.times)
        && Arrays.equals(counts, c.counts)
        && Arrays.equals(sumMicros, c.sumMicros);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * Arrays.hashCode(times) + Arrays.hashCode(counts)) + next)
        + Arrays.hashCode(sumMicros);
  }

  @Override
  public String toString() {
    return "LedgerChunk[times="
        + Arrays.toString(times)
        + ", counts="
        + Arrays.toString(counts)
        + ", sumMicros="
        + Arrays.toString(sumMicros)
        + ", next="
        + next
        + "]";
  }
}
