package io.freshet.core.fraud;

import io.freshet.core.geo.GeoPoint;
import java.util.Arrays;

/**
 * What the fraud rules remember about one customer: recent transactions in arrival order, recent
 * event ids for duplicate detection, the previous location and when each rule last alerted.
 *
 * <p>Immutable; primitive arrays keep it compact and let Flink serialise it as a POJO. Arrays are
 * never exposed for mutation: every change returns a new instance.
 *
 * @param eventTimes event times of the retained transactions, in arrival order
 * @param amounts amounts of the retained transactions, parallel to {@code eventTimes}
 * @param recentEventIds event ids seen within the duplicate window, in arrival order
 * @param recentEventIdTimes event times of {@code recentEventIds}
 * @param maxEventTime the greatest event time seen for the customer
 * @param previousEventTime event time of the previously arrived transaction
 * @param previousLat latitude of the previous transaction, NaN when it had no location
 * @param previousLon longitude of the previous transaction, NaN when it had no location
 * @param lastAlertTimes per {@link FraudRule#ordinal()}, event time of the last emitted alert or
 *     {@link #NEVER}
 */
public record CustomerHistory(
    long[] eventTimes,
    double[] amounts,
    String[] recentEventIds,
    long[] recentEventIdTimes,
    long maxEventTime,
    long previousEventTime,
    double previousLat,
    double previousLon,
    long[] lastAlertTimes) {

  /** Marks a rule that has never alerted, or a customer without a previous transaction. */
  public static final long NEVER = Long.MIN_VALUE;

  private static final CustomerHistory EMPTY =
      new CustomerHistory(
          new long[0],
          new double[0],
          new String[0],
          new long[0],
          NEVER,
          NEVER,
          Double.NaN,
          Double.NaN,
          newAlertTimes());

  /** The history of a customer never seen before. */
  public static CustomerHistory empty() {
    return EMPTY;
  }

  /** Number of retained transactions. */
  public int size() {
    return eventTimes.length;
  }

  /** True when there is a previously arrived transaction. */
  public boolean hasPrevious() {
    return previousEventTime != NEVER;
  }

  /** The previous transaction's location, or null when it had none. */
  public GeoPoint previousLocation() {
    return Double.isNaN(previousLat) ? null : new GeoPoint(previousLat, previousLon);
  }

  /** Event time of the last alert emitted for {@code rule}, or {@link #NEVER}. */
  public long lastAlertTime(FraudRule rule) {
    return lastAlertTimes[rule.ordinal()];
  }

  /** True when {@code eventId} was already processed within the duplicate window. */
  public boolean hasSeen(String eventId) {
    for (String seen : recentEventIds) {
      if (seen.equals(eventId)) {
        return true;
      }
    }
    return false;
  }

  /** Records an emitted alert for {@code rule} at event time {@code eventTime}. */
  public CustomerHistory withAlert(FraudRule rule, long eventTime) {
    long[] alerts = lastAlertTimes.clone();
    alerts[rule.ordinal()] = eventTime;
    return new CustomerHistory(
        eventTimes,
        amounts,
        recentEventIds,
        recentEventIdTimes,
        maxEventTime,
        previousEventTime,
        previousLat,
        previousLon,
        alerts);
  }

  /**
   * Appends a processed transaction and prunes what the rules can no longer use: transactions older
   * than {@code retention} and event ids older than {@code duplicateWindow}, both measured back
   * from the newest event time seen.
   */
  public CustomerHistory append(Transaction txn, long retentionMillis, long duplicateWindowMillis) {
    long newMax = Math.max(maxEventTime, txn.eventTime());

    long keepFrom = newMax - retentionMillis;
    int kept = countAtOrAfter(eventTimes, keepFrom);
    int dropped = eventTimes.length - kept;
    long[] times = new long[kept + 1];
    double[] amts = new double[kept + 1];
    if (oldestFirst(eventTimes, keepFrom, dropped)) {
      System.arraycopy(eventTimes, dropped, times, 0, kept);
      System.arraycopy(amounts, dropped, amts, 0, kept);
    } else {
      int j = 0;
      for (int i = 0; i < eventTimes.length; i++) {
        if (eventTimes[i] >= keepFrom) {
          times[j] = eventTimes[i];
          amts[j] = amounts[i];
          j++;
        }
      }
    }
    times[kept] = txn.eventTime();
    amts[kept] = txn.amount();

    long idsFrom = newMax - duplicateWindowMillis;
    int keptIds = countAtOrAfter(recentEventIdTimes, idsFrom);
    int droppedIds = recentEventIdTimes.length - keptIds;
    String[] ids = new String[keptIds + 1];
    long[] idTimes = new long[keptIds + 1];
    if (oldestFirst(recentEventIdTimes, idsFrom, droppedIds)) {
      System.arraycopy(recentEventIds, droppedIds, ids, 0, keptIds);
      System.arraycopy(recentEventIdTimes, droppedIds, idTimes, 0, keptIds);
    } else {
      int k = 0;
      for (int i = 0; i < recentEventIds.length; i++) {
        if (recentEventIdTimes[i] >= idsFrom) {
          ids[k] = recentEventIds[i];
          idTimes[k] = recentEventIdTimes[i];
          k++;
        }
      }
    }
    ids[keptIds] = txn.eventId();
    idTimes[keptIds] = txn.eventTime();

    GeoPoint location = txn.location();
    return new CustomerHistory(
        times,
        amts,
        ids,
        idTimes,
        newMax,
        txn.eventTime(),
        location == null ? Double.NaN : location.lat(),
        location == null ? Double.NaN : location.lon(),
        lastAlertTimes);
  }

  private static int countAtOrAfter(long[] times, long from) {
    int count = 0;
    for (long time : times) {
      if (time >= from) {
        count++;
      }
    }
    return count;
  }

  /**
   * True when the {@code dropped} times older than {@code from} are the first ones, so the kept
   * ones are one block that can be copied at once: the usual case, as transactions mostly arrive in
   * event-time order.
   */
  private static boolean oldestFirst(long[] times, long from, int dropped) {
    for (int i = 0; i < dropped; i++) {
      if (times[i] >= from) {
        return false;
      }
    }
    return true;
  }

  private static long[] newAlertTimes() {
    long[] times = new long[FraudRule.values().length];
    Arrays.fill(times, NEVER);
    return times;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CustomerHistory h
        && Arrays.equals(eventTimes, h.eventTimes)
        && Arrays.equals(amounts, h.amounts)
        && Arrays.equals(recentEventIds, h.recentEventIds)
        && Arrays.equals(recentEventIdTimes, h.recentEventIdTimes)
        && maxEventTime == h.maxEventTime
        && previousEventTime == h.previousEventTime
        && Double.compare(previousLat, h.previousLat) == 0
        && Double.compare(previousLon, h.previousLon) == 0
        && Arrays.equals(lastAlertTimes, h.lastAlertTimes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(eventTimes) * 31 + Long.hashCode(maxEventTime);
  }

  @Override
  public String toString() {
    return "CustomerHistory[times="
        + Arrays.toString(eventTimes)
        + ", amounts="
        + Arrays.toString(amounts)
        + ", ids="
        + Arrays.toString(recentEventIds)
        + ", max="
        + maxEventTime
        + ", alerts="
        + Arrays.toString(lastAlertTimes)
        + "]";
  }
}
