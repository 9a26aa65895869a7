package io.freshet.core.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.geo.GeoPoint;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CustomerHistory#append} keeps exactly what the plain filter-and-copy it replaced kept. */
class CustomerHistoryTest {

  @Test
  void appendEqualsThePlainFilterOnSeededSequences() {
    Random random = new Random(42);
    for (int run = 0; run < 500; run++) {
      long retention = 1 + random.nextInt(100_000);
      long duplicateWindow = 1 + random.nextInt(100_000);
      // Mostly in event-time order, sometimes late or early, sometimes several at one time.
      int disorder = random.nextInt(4);
      CustomerHistory history = CustomerHistory.empty();
      long time = random.nextInt(1_000_000);
      for (int i = 0; i < 200; i++) {
        time += random.nextInt(3) == 0 ? 0 : random.nextInt(5_000);
        long eventTime = random.nextInt(4) < disorder ? time - random.nextInt(150_000) : time;
        Transaction txn = transaction(random, i, eventTime);
        CustomerHistory expected = reference(history, txn, retention, duplicateWindow);
        history = history.append(txn, retention, duplicateWindow);
        assertThat(history).isEqualTo(expected);
        if (random.nextInt(10) == 0) {
          history = history.withAlert(FraudRule.VELOCITY, eventTime);
        }
      }
    }
  }

  private static Transaction transaction(Random random, int i, long eventTime) {
    GeoPoint location = random.nextBoolean() ? null : new GeoPoint(random.nextInt(90), 0);
    return new Transaction(
        "evt-" + i,
        eventTime,
        "txn-" + i,
        "cust-1",
        i,
        null,
        null,
        null,
        null,
        location,
        null,
        null,
        null);
  }

  /** The append this class had before: count what is kept, then filter into new arrays. */
  private static CustomerHistory reference(
      CustomerHistory h, Transaction txn, long retentionMillis, long duplicateWindowMillis) {
    long newMax = Math.max(h.maxEventTime(), txn.eventTime());
    long keepFrom = newMax - retentionMillis;
    int kept = 0;
    for (long time : h.eventTimes()) {
      if (time >= keepFrom) {
        kept++;
      }
    }
    long[] times = new long[kept + 1];
    double[] amts = new double[kept + 1];
    int j = 0;
    for (int i = 0; i < h.eventTimes().length; i++) {
      if (h.eventTimes()[i] >= keepFrom) {
        times[j] = h.eventTimes()[i];
        amts[j] = h.amounts()[i];
        j++;
      }
    }
    times[j] = txn.eventTime();
    amts[j] = txn.amount();
    long idsFrom = newMax - duplicateWindowMillis;
    int keptIds = 0;
    for (long time : h.recentEventIdTimes()) {
      if (time >= idsFrom) {
        keptIds++;
      }
    }
    String[] ids = new String[keptIds + 1];
    long[] idTimes = new long[keptIds + 1];
    int k = 0;
    for (int i = 0; i < h.recentEventIds().length; i++) {
      if (h.recentEventIdTimes()[i] >= idsFrom) {
        ids[k] = h.recentEventIds()[i];
        idTimes[k] = h.recentEventIdTimes()[i];
        k++;
      }
    }
    ids[k] = txn.eventId();
    idTimes[k] = txn.eventTime();
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
        h.lastAlertTimes());
  }
}
