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
 * is the running count and sum minus the entries that leave it, read oldest first from the chunk
 * the summary names (and its successors, only while whole chunks leave). New entries wait in the
 * summary's recent buffer until {@value #CHUNK_ENTRIES} of them are older than the newest event
 * time by {@code recentHorizon}, then they are written as one {@link LedgerChunk}, once, without
 * reading anything: one stored key per {@value #CHUNK_ENTRIES} transactions instead of one each.
 * Only a transaction older than what the buffer holds walks the chunks from the oldest: it is still
 * judged exactly.
 */
final class CustomerState {
  static final long NEVER = FraudDetector.NEVER;

  /** The id of no chunk. */
  static final int NO_CHUNK = -1;

  /**
   * Entries per chunk written from the recent buffer. Eight keep the buffer's wait small (at most
   * seven extra entries in the summary) while the per-key overhead of a state backend (RocksDB's
   * key, sequence number and index, ≈ 20 B) falls to a few bytes per transaction.
   */
  static final int CHUNK_ENTRIES = 8;

  /** A late transaction that would grow a chunk beyond this splits it in two. */
  static final int MAX_CHUNK_ENTRIES = 2 * CHUNK_ENTRIES;

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
  private int oldestChunk;
  private long oldestTime;
  private int newestChunk;
  private int appendId;
  private int nextChunkId;
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
  private int[] evictedChunks = new int[0];
  private int evictedWhole;
  private int evictedRecent;
  private int evictedCount;
  private long evictedSum;
  // Where the retained stored entries start once the plan is applied; the chunk is read lazily.
  private int firstChunk;
  private LedgerChunk firstChunkValue;
  private int firstOffset;

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
    oldestChunk = s.oldestChunk();
    oldestTime = s.oldestTime();
    newestChunk = s.newestChunk();
    appendId = s.appendId();
    nextChunkId = s.nextChunkId();
    storedUpTo = s.storedUpTo();
    recentTimes = s.recentTimes();
    recentCounts = s.recentCounts();
    recentSums = s.recentSumMicros();
    recentSize = recentTimes.length;
    idFingerprints = s.eventIdFingerprints();
    idTimes = s.eventIdTimes();
    retainedUntil = s.retainedUntil();
    firstChunk = oldestChunk;
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
        NO_CHUNK,
        NEVER,
        NO_CHUNK,
        0,
        1,
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
    if (oldestTime == NEVER || oldestTime >= from) {
      if (oldestTime == NEVER) {
        evictRecentBefore(from);
      }
      return;
    }
    int id = oldestChunk;
    while (id != NO_CHUNK) {
      LedgerChunk c = chunk(id);
      int drop = 0;
      while (drop < c.size() && c.times()[drop] < from) {
        evictedCount += c.counts()[drop];
        evictedSum += c.sumMicros()[drop];
        drop++;
      }
      if (drop < c.size()) {
        firstChunk = id;
        firstChunkValue = c;
        firstOffset = drop;
        return;
      }
      if (evictedWhole == evictedChunks.length) {
        evictedChunks = Arrays.copyOf(evictedChunks, Math.max(4, evictedWhole * 2));
      }
      evictedChunks[evictedWhole++] = id;
      id = id == newestChunk ? NO_CHUNK : c.next();
    }
    firstChunk = NO_CHUNK;
    firstChunkValue = null;
    firstOffset = 0;
    // A long idle gap: even the recent buffer may lie before the window.
    evictRecentBefore(from);
  }

  private void evictRecentBefore(long from) {
    while (evictedRecent < recentSize && recentTimes[evictedRecent] < from) {
      evictedCount += recentCounts[evictedRecent];
      evictedSum += recentSums[evictedRecent];
      evictedRecent++;
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
    if (after < storedUpTo && firstChunk != NO_CHUNK) {
      // Later than the recent buffer reaches back: walk the chunks (rare, still exact).
      int id = firstChunk;
      LedgerChunk c = firstValue();
      int i = firstOffset;
      while (true) {
        for (; i < c.size(); i++) {
          long time = c.times()[i];
          if (time > upTo) {
            return count;
          }
          if (time > after) {
            count += c.counts()[i];
          }
        }
        if (id == newestChunk) {
          return count;
        }
        id = c.next();
        c = chunk(id);
        i = 0;
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
    if (t <= storedUpTo && firstChunk != NO_CHUNK) {
      int id = firstChunk;
      LedgerChunk c = firstValue();
      int i = firstOffset;
      while (true) {
        for (; i < c.size(); i++) {
          if (c.times()[i] >= t) {
            count -= c.counts()[i];
            sum -= c.sumMicros()[i];
          }
        }
        if (id == newestChunk) {
          break;
        }
        id = c.next();
        c = chunk(id);
        i = 0;
      }
    }
    return new long[] {count, sum};
  }

  private LedgerChunk firstValue() {
    if (firstChunkValue == null) {
      firstChunkValue = chunk(firstChunk);
    }
    return firstChunkValue;
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
        oldestChunk,
        oldestTime,
        newestChunk,
        appendId,
        nextChunkId,
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
    for (int i = 0; i < evictedWhole; i++) {
      ledger.remove(evictedChunks[i]);
    }
    if (firstChunk != oldestChunk || firstOffset > 0) {
      oldestChunk = firstChunk;
      if (firstChunk == NO_CHUNK) {
        oldestTime = NEVER;
        newestChunk = NO_CHUNK;
      } else {
        LedgerChunk kept = firstChunkValue;
        if (firstOffset > 0) {
          kept = kept.withoutOldest(firstOffset);
          ledger.put(firstChunk, kept);
        }
        oldestTime = kept.first();
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
    evictedWhole = 0;
    evictedRecent = 0;
    evictedCount = 0;
    evictedSum = 0;
    firstChunk = oldestChunk;
    firstChunkValue = null;
    firstOffset = 0;
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

  /** Adds one transaction at {@code t <= storedUpTo}: a late one, straight into its chunk. */
  private void insertStored(long t, long micros) {
    if (oldestChunk == NO_CHUNK) {
      int id = takeAppendId();
      ledger.put(id, new LedgerChunk(new long[] {t}, new int[] {1}, new long[] {micros}, appendId));
      oldestChunk = id;
      newestChunk = id;
      oldestTime = t;
      return;
    }
    // The last chunk that starts at or before t (or the oldest): entries stay in time order.
    int id = oldestChunk;
    LedgerChunk c = chunk(id);
    while (id != newestChunk) {
      LedgerChunk following = chunk(c.next());
      if (t < following.first()) {
        break;
      }
      id = c.next();
      c = following;
    }
    LedgerChunk grown = c.plus(t, micros);
    if (id == oldestChunk) {
      oldestTime = grown.first();
    }
    if (grown.size() <= MAX_CHUNK_ENTRIES) {
      ledger.put(id, grown);
      return;
    }
    int half = grown.size() / 2;
    int split = nextChunkId;
    nextChunkId = Math.incrementExact(nextChunkId);
    ledger.put(id, grown.slice(0, half, split));
    ledger.put(split, grown.slice(half, grown.size(), grown.next()));
    if (id == newestChunk) {
      newestChunk = split;
    }
  }

  /**
   * Writes the oldest recent entries at or before {@code floor}, in whole chunks of {@link
   * #CHUNK_ENTRIES}, after the newest chunk, whose successor id each already names; the rest wait.
   */
  private void flushUpTo(long floor) {
    int n = 0;
    while (n < recentSize && recentTimes[n] <= floor) {
      n++;
    }
    int m = n - n % CHUNK_ENTRIES;
    if (m == 0) {
      return;
    }
    for (int from = 0; from < m; from += CHUNK_ENTRIES) {
      int id = takeAppendId();
      int to = from + CHUNK_ENTRIES;
      ledger.put(
          id,
          new LedgerChunk(
              Arrays.copyOfRange(recentTimes, from, to),
              Arrays.copyOfRange(recentCounts, from, to),
              Arrays.copyOfRange(recentSums, from, to),
              appendId));
      if (oldestChunk == NO_CHUNK) {
        oldestChunk = id;
        oldestTime = recentTimes[from];
      }
      newestChunk = id;
    }
    storedUpTo = recentTimes[m - 1];
    int left = recentSize - m;
    recentTimes = Arrays.copyOfRange(recentTimes, m, recentSize);
    recentCounts = Arrays.copyOfRange(recentCounts, m, recentSize);
    recentSums = Arrays.copyOfRange(recentSums, m, recentSize);
    recentSize = left;
    recentCopied = true;
  }

  /** The reserved id for a chunk appended after the newest, reserving the next one. */
  private int takeAppendId() {
    int id = appendId;
    appendId = nextChunkId;
    nextChunkId = Math.incrementExact(nextChunkId);
    return id;
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

  private LedgerChunk chunk(int id) {
    LedgerChunk c = ledger.get(id);
    if (c == null) {
      throw new IllegalStateException("ledger has no chunk " + id + " that the chain names");
    }
    return c;
  }
}
