package io.freshet.bench.scenario;

import io.freshet.bench.workload.BenchRecord;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionWriter;
import io.freshet.core.geo.GeoPoint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Plain valid {@code transaction.initiated} envelopes for the {@code state} and {@code recovery}
 * scenarios, which need exact counts and distinct ids rather than a realistic fraud mix: every
 * field the demo fills is filled, so a customer's history holds what production would keep.
 */
final class SyntheticTransactions {
  /** Event time of generated input: fixed, so two runs load identical bytes; on a 5 s boundary. */
  static final long EVENT_TIME_BASE = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private static final GeoPoint[] CITIES = {
    new GeoPoint(51.5074, -0.1278), new GeoPoint(48.8566, 2.3522), new GeoPoint(52.5200, 13.4050),
  };
  private static final String[] CATEGORIES = {"grocery", "fuel", "electronics", "travel", "dining"};

  private final SplittableRandom random;

  SyntheticTransactions(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * One valid transaction of {@code customer}; the Kafka key is the customer id, as in production.
   */
  BenchRecord next(String customer, String transactionId, long eventTime) {
    String eventId = new UUID(random.nextLong(), random.nextLong()).toString();
    GeoPoint city = CITIES[random.nextInt(CITIES.length)];
    Transaction txn =
        new Transaction(
            eventId,
            eventTime,
            transactionId,
            customer,
            Math.round(random.nextDouble(5, 150) * 100) / 100.0,
            "EUR",
            "merchant-" + random.nextInt(200),
            CATEGORIES[random.nextInt(CATEGORIES.length)],
            String.format("%04d", random.nextInt(10_000)),
            new GeoPoint(
                city.lat() + random.nextDouble(-0.05, 0.05),
                city.lon() + random.nextDouble(-0.05, 0.05)),
            "device-" + random.nextInt(9973),
            "10.0." + random.nextInt(256) + "." + random.nextInt(256),
            random.nextBoolean() ? "online" : "card_present");
    return new BenchRecord(
        customer.getBytes(StandardCharsets.UTF_8),
        TransactionWriter.write(txn, "freshet-bench", null, null));
  }

  /**
   * The number after {@code prefix} in a generated id ({@code sc-42} → 42), or -1 when {@code id}
   * is not one of ours: outputs are checked per id with a bit set instead of a set of strings.
   */
  static int index(String id, String prefix) {
    if (id == null || !id.startsWith(prefix) || id.length() == prefix.length()) {
      return -1;
    }
    long value = 0;
    for (int i = prefix.length(); i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9' || value > Integer.MAX_VALUE / 10) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value > Integer.MAX_VALUE ? -1 : (int) value;
  }

  /** {@link #index(String, String)} of a UTF-8 Kafka key. */
  static int index(byte[] key, String prefix) {
    return key == null ? -1 : index(new String(key, StandardCharsets.UTF_8), prefix);
  }
}
