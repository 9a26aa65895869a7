package io.freshet.core.fraud;

import io.freshet.core.geo.GeoPoint;
import java.util.Arrays;

/**
 * One customer's {@link CustomerSummary} and {@link AmountLedger} while one transaction is judged:
 * first read-only questions for the rules, then {@link #apply} and {@link #recordAlert}, then
 * {@link #toSummary}.
 *
 * <p>The work per transaction is bounded by what changes, not by the customer's history: the
 * velocity window and the duplicate window are answered from the summary alone; the amount window
 * is the running count and sum minus the entries that leave it, which are read and removed one
 * point lookup each, oldest first along the chain of {@link LedgerEntry#nextGap()}s. New entries
 * wait in the summary's recent buffer until they are older than the newest event time by {@code
 * recentHorizon}, then each is written once, already chained to its successor. Only a transaction
 * later than that horizon walks the ledger from its oldest entry: it is still judged exactly.
 */
final class CustomerState {
  static final long NEVER = FraudDetector.NEVER;

  private final AmountLedger ledger;
  private final long recentHorizon;

  private long maxEventTime;
  private long previousEventTime;
  private double previousLat;
  private double previousLon;
  private long[] lastAlertTimes;
  private boolean alertTimesCopied;
  private int windowCount;
  private long windowSumMicros;
  private long oldestStored;
  private long newestStored;
  private long newestStoredNext;
  private long storedUpTo;

  private long[] recentTimes;
  private int[] recentCounts;
  private long[] recentSums;
  private int recentSize;
  private boolean recentCopied;

  private long[] idFingerprints;
  private long[] idTimes;
  private long retainedUntil;

  // The eviction planned for the current transaction, applied by apply().
  private long keepFrom = NEVER;
  private long[] evictedTimes = new long[0];
  private int evictedStored;
  private int evictedRecent;
  private int evictedCount;
  private long evictedSum;
  private long oldestAfterEviction;

  CustomerState(CustomerSummary s, AmountLedger ledger, long recentHorizon) {
    this.ledger = ledger;
    this.recentHorizon = recentHorizon;
    maxEventTime = s.maxEventTime();
    previousEventTime = s.previousEventTime();
    previousLat = s.previousLat();
    previousLon = s.previousLon();
    lastAlertTimes = s.lastAlertTimes();
    windowCount = s.windowCount();
    windowSumMicros = s.windowSumMicros();
    oldestStored = s.oldestStored();
    newestStored = s.newestStored();
    newestStoredNext = s.newestStoredNext();
    storedUpTo = s.storedUpTo();
    recentTimes = s.recentTimes();
    recentCounts = s.recentCounts();
    recentSums = s.recentSumMicros();
    recentSize = recentTimes.length;
    idFingerprints = s.eventIdFingerprints();
    idTimes = s.eventIdTimes();
    retainedUntil = s.retainedUntil();
    oldestAfterEviction = oldestStored;
  }

  /** The summary of a customer never seen before. */
  static CustomerSummary empty() {
    long[] alerts = new long[FraudRule.values().length];
    Arrays.fill(alerts, NEVER);
    return new CustomerSummary(
        NEVER,
        NEVER,
        Double.NaN,
        Double.NaN,
        alerts,
        0,
        0L,
        NEVER,
        NEVER,
        NEVER,
        NEVER,
        new long[0],
        new int[0],
        new long[0],
        new long[0],
        new long[0],
        NEVER);
  }

  /** True when an event id with this fingerprint was processed within the duplicate window. */
  static boolean hasSeen(CustomerSummary s, long fingerprint) {
    for (long seen : s.eventIdFingerprints()) {
      if (seen == fingerprint) {
        return true;
      }
    }
    return false;
  }

  // ---- read-only questions, after planEviction ----

  /**
   * Plans (without changing anything) the removal of every entry older than {@code from}: the
   * amount rule's window starts there once the current transaction is added.
   */
  void planEviction(long from) {
    keepFrom = from;
    long time = oldestStored;
    while (time != NEVER && time < from) {
      LedgerEntry e = stored(time);
      if (evictedStored == evictedTimes.length) {
        evictedTimes = Arrays.copyOf(evictedTimes, Math.max(4, evictedStored * 2));
      }
      evictedTimes[evictedStored++] = time;
      evictedCount += e.count();
      evictedSum += e.sumMicros();
      time = time == newestStored ? NEVER : time + e.nextGap();
    }
    oldestAfterEviction = time;
    if (time == NEVER) {
      // A long idle gap: even the recent buffer may lie before the window.
      while (evictedRecent < recentSize && recentTimes[evictedRecent] < from) {
        evictedCount += recentCounts[evictedRecent];
        evictedSum += recentSums[evictedRecent];
        evictedRecent++;
      }
    }
  }

  /** Retained transactions with event time in {@code (after, upTo]}. */
  int countIn(long after, long upTo) {
    int count = 0;
    for (int i = evictedRecent; i < recentSize; i++) {
      if (recentTimes[i] > after && recentTimes[i] <= upTo) {
        count += recentCounts[i];
      }
    }
    if (after < storedUpTo) {
      // Later than the recent buffer reaches back: walk the ledger (rare, still exact).
      long time = oldestAfterEviction;
      while (time != NEVER && time <= upTo) {
        LedgerEntry e = stored(time);
        if (time > after) {
          count += e.count();
        }
        time = time == newestStored ? NEVER : time + e.nextGap();
      }
    }
    return count;
  }

  /**
   * Retained transactions with event time before {@code t}, their count in the high and sum in the
   * result array: the running totals minus what leaves the window and what is at or after t.
   */
  long[] countAndSumBefore(long t) {
    long count = windowCount - evictedCount;
    long sum = windowSumMicros - evictedSum;
    for (int i = evictedRecent; i < recentSize; i++) {
      if (recentTimes[i] >= t) {
        count -= recentCounts[i];
        sum -= recentSums[i];
      }
    }
    if (t <= storedUpTo) {
      long time = oldestAfterEviction;
      while (time != NEVER) {
        LedgerEntry e = stored(time);
        if (time >= t) {
          count -= e.count();
          sum -= e.sumMicros();
        }
        time = time == newestStored ? NEVER : time + e.nextGap();
      }
    }
    return new long[] {count, sum};
  }

  boolean hasPrevious() {
    return previousEventTime != NEVER;
  }

  long previousEventTime() {
    return previousEventTime;
  }

  /** The previous transaction's location, or null when it had none. */
  GeoPoint previousLocation() {
    return Double.isNaN(previousLat) ? null : new GeoPoint(previousLat, previousLon);
  }

  long lastAlertTime(FraudRule rule) {
    return lastAlertTimes[rule.ordinal()];
  }

  // ---- changes ----

  /**
   * Adds {@code txn} (of {@code micros}, fingerprint {@code fingerprint}) after removing what
   * {@link #planEviction} planned; forgets event ids older than {@code duplicateWindow} before the
   * newest event time.
   */
  void apply(Transaction txn, long micros, long fingerprint, long duplicateWindow) {
    long t = txn.eventTime();
    long newMax = Math.max(maxEventTime, t);
    evict();

    if (t > storedUpTo) {
      insertRecent(t, micros);
    } else {
      insertStored(t, micros);
    }
    windowCount = Math.addExact(windowCount, 1);
    windowSumMicros = Math.addExact(windowSumMicros, micros);
    maxEventTime = newMax;
    long floor = newMax - recentHorizon;
    if (floor > storedUpTo) {
      flushUpTo(floor);
      storedUpTo = floor;
    }

    appendEventId(fingerprint, t, newMax - duplicateWindow);
    previousEventTime = t;
    GeoPoint location = txn.location();
    previousLat = location == null ? Double.NaN : location.lat();
    previousLon = location == null ? Double.NaN : location.lon();
  }

  /** Records an emitted alert for {@code rule} at event time {@code eventTime}. */
  void recordAlert(FraudRule rule, long eventTime) {
    if (!alertTimesCopied) {
      lastAlertTimes = lastAlertTimes.clone();
      alertTimesCopied = true;
    }
    lastAlertTimes[rule.ordinal()] = eventTime;
  }

  CustomerSummary toSummary() {
    long[] times = recentTimes;
    int[] counts = recentCounts;
    long[] sums = recentSums;
    if (recentSize != recentTimes.length) {
      times = Arrays.copyOf(recentTimes, recentSize);
      counts = Arrays.copyOf(recentCounts, recentSize);
      sums = Arrays.copyOf(recentSums, recentSize);
    }
    return new CustomerSummary(
        maxEventTime,
        previousEventTime,
        previousLat,
        previousLon,
        lastAlertTimes,
        windowCount,
        windowSumMicros,
        oldestStored,
        newestStored,
        newestStoredNext,
        storedUpTo,
        times,
        counts,
        sums,
        idFingerprints,
        idTimes,
        retainedUntil);
  }

  /** Keeps the customer at least until event time {@code until}. */
  void retainUntil(long until) {
    retainedUntil = Math.max(retainedUntil, until);
  }

  long maxEventTime() {
    return maxEventTime;
  }

  private void evict() {
    for (int i = 0; i < evictedStored; i++) {
      ledger.remove(evictedTimes[i]);
    }
    if (evictedStored > 0) {
      oldestStored = oldestAfterEviction;
      if (oldestStored == NEVER) {
        newestStored = NEVER;
        newestStoredNext = NEVER;
      }
    }
    if (evictedRecent > 0) {
      copyRecent(0);
      int left = recentSize - evictedRecent;
      System.arraycopy(recentTimes, evictedRecent, recentTimes, 0, left);
      System.arraycopy(recentCounts, evictedRecent, recentCounts, 0, left);
      System.arraycopy(recentSums, evictedRecent, recentSums, 0, left);
      recentSize = left;
    }
    windowCount -= evictedCount;
    windowSumMicros -= evictedSum;
    evictedStored = 0;
    evictedRecent = 0;
    evictedCount = 0;
    evictedSum = 0;
  }

  /** Adds one transaction at {@code t > storedUpTo} to the ascending recent buffer. */
  private void insertRecent(long t, long micros) {
    int i = recentSize;
    while (i > 0 && recentTimes[i - 1] > t) {
      i--;
    }
    if (i > 0 && recentTimes[i - 1] == t) {
      copyRecent(0);
      recentCounts[i - 1]++;
      recentSums[i - 1] = Math.addExact(recentSums[i - 1], micros);
      return;
    }
    copyRecent(1);
    System.arraycopy(recentTimes, i, recentTimes, i + 1, recentSize - i);
    System.arraycopy(recentCounts, i, recentCounts, i + 1, recentSize - i);
    System.arraycopy(recentSums, i, recentSums, i + 1, recentSize - i);
    recentTimes[i] = t;
    recentCounts[i] = 1;
    recentSums[i] = micros;
    recentSize++;
  }

  /** Adds one transaction at {@code t <= storedUpTo}: a late one, straight into the ledger. */
  private void insertStored(long t, long micros) {
    // The newest transaction is in the recent buffer, since t <= storedUpTo < maxEventTime.
    long firstRecent = recentTimes[0];
    if (oldestStored == NEVER) {
      ledger.put(t, new LedgerEntry(1, micros, firstRecent - t));
      oldestStored = t;
      newestStored = t;
      newestStoredNext = firstRecent;
      return;
    }
    LedgerEntry existing = ledger.get(t);
    if (existing != null) {
      ledger.put(t, existing.plus(micros));
    } else if (t < oldestStored) {
      ledger.put(t, new LedgerEntry(1, micros, oldestStored - t));
      oldestStored = t;
    } else if (t > newestStored) {
      ledger.put(newestStored, stored(newestStored).withNextGap(t - newestStored));
      ledger.put(t, new LedgerEntry(1, micros, firstRecent - t));
      newestStored = t;
      newestStoredNext = firstRecent;
    } else {
      long time = oldestStored;
      LedgerEntry e = stored(time);
      while (time + e.nextGap() < t) {
        time += e.nextGap();
        e = stored(time);
      }
      long next = time + e.nextGap();
      ledger.put(time, e.withNextGap(t - time));
      ledger.put(t, new LedgerEntry(1, micros, next - t));
    }
  }

  /** Writes the recent entries at or before {@code floor} to the ledger, each chained once. */
  private void flushUpTo(long floor) {
    int n = 0;
    while (n < recentSize && recentTimes[n] <= floor) {
      n++;
    }
    if (n == 0) {
      return;
    }
    // The newest entry stays: it is later than floor.
    long first = recentTimes[0];
    if (oldestStored == NEVER) {
      oldestStored = first;
    } else if (newestStoredNext != first) {
      // A late transaction went into the buffer ahead of the recorded successor: relink.
      ledger.put(newestStored, stored(newestStored).withNextGap(first - newestStored));
    }
    for (int i = 0; i < n; i++) {
      long time = recentTimes[i];
      ledger.put(time, new LedgerEntry(recentCounts[i], recentSums[i], recentTimes[i + 1] - time));
    }
    newestStored = recentTimes[n - 1];
    newestStoredNext = recentTimes[n];
    int left = recentSize - n;
    long[] times = new long[left];
    int[] counts = new int[left];
    long[] sums = new long[left];
    System.arraycopy(recentTimes, n, times, 0, left);
    System.arraycopy(recentCounts, n, counts, 0, left);
    System.arraycopy(recentSums, n, sums, 0, left);
    recentTimes = times;
    recentCounts = counts;
    recentSums = sums;
    recentSize = left;
    recentCopied = true;
  }

  /** Makes the recent arrays private to this state, with room for {@code extra} more entries. */
  private void copyRecent(int extra) {
    if (recentCopied && recentSize + extra <= recentTimes.length) {
      return;
    }
    int capacity = recentSize + extra;
    recentTimes = Arrays.copyOf(recentTimes, capacity);
    recentCounts = Arrays.copyOf(recentCounts, capacity);
    recentSums = Arrays.copyOf(recentSums, capacity);
    recentCopied = true;
  }

  private void appendEventId(long fingerprint, long time, long keepFromTime) {
    int kept = 0;
    for (long idTime : idTimes) {
      if (idTime >= keepFromTime) {
        kept++;
      }
    }
    long[] fps = new long[kept + 1];
    long[] times = new long[kept + 1];
    int j = 0;
    for (int i = 0; i < idTimes.length; i++) {
      if (idTimes[i] >= keepFromTime) {
        fps[j] = idFingerprints[i];
        times[j] = idTimes[i];
        j++;
      }
    }
    fps[kept] = fingerprint;
    times[kept] = time;
    idFingerprints = fps;
    idTimes = times;
  }

  private LedgerEntry stored(long time) {
    LedgerEntry e = ledger.get(time);
    if (e == null) {
      throw new IllegalStateException("ledger has no entry at " + time + " that the chain names");
    }
    return e;
  }
}
