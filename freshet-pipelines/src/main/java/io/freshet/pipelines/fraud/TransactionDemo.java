package io.freshet.pipelines.fraud;

import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionWriter;
import io.freshet.core.geo.GeoPoint;
import io.freshet.pipelines.plugin.DemoGenerator;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Realistic card transactions for the demo, with occasional velocity bursts, impossible travel,
 * large amounts and malformed records, so every fraud output moves.
 */
public final class TransactionDemo implements DemoGenerator {
  private static final int CUSTOMERS = 1000;
  private static final GeoPoint[] CITIES = {
    new GeoPoint(51.5074, -0.1278), // London
    new GeoPoint(48.8566, 2.3522), // Paris
    new GeoPoint(52.5200, 13.4050), // Berlin
    new GeoPoint(40.7128, -74.0060), // New York
    new GeoPoint(35.6762, 139.6503), // Tokyo
  };
  private static final String[] CATEGORIES = {"grocery", "fuel", "electronics", "travel", "dining"};

  private final SplittableRandom random;
  private final String topic;

  /** Events for {@code topic}, the same for the same seed. */
  public TransactionDemo(String topic, long seed) {
    this.topic = topic;
    this.random = new SplittableRandom(seed);
  }

  @Override
  public void next(long now, DemoGenerator.Sender send) {
    String customer = "cust-" + random.nextInt(CUSTOMERS);
    byte[] key = customer.getBytes(StandardCharsets.UTF_8);
    int roll = random.nextInt(1000);
    if (roll == 0) {
      send.send(topic, key, "{\"event_id\": \"broken".getBytes(StandardCharsets.UTF_8));
      return;
    }
    int home = Math.floorMod(customer.hashCode(), CITIES.length);
    GeoPoint where = jitter(CITIES[home]);
    double amount = Math.round(random.nextDouble(5, 150) * 100) / 100.0;
    if (roll < 3) {
      where = CITIES[(home + 1 + random.nextInt(CITIES.length - 1)) % CITIES.length];
    } else if (roll < 6) {
      amount = amount * 20;
    } else if (roll < 8) {
      for (int i = 0; i < 6; i++) {
        send.send(topic, key, transaction(customer, now - 1000L * (6 - i), amount, where));
      }
    }
    send.send(topic, key, transaction(customer, now, amount, where));
  }

  private byte[] transaction(String customer, long eventTime, double amount, GeoPoint where) {
    String id = new UUID(random.nextLong(), random.nextLong()).toString();
    Transaction txn =
        new Transaction(
            id,
            eventTime,
            "tx-" + id,
            customer,
            amount,
            "EUR",
            "merchant-" + random.nextInt(200),
            CATEGORIES[random.nextInt(CATEGORIES.length)],
            String.format("%04d", random.nextInt(10_000)),
            where,
            "device-" + Math.floorMod(customer.hashCode(), 9973),
            "10.0." + random.nextInt(256) + "." + random.nextInt(256),
            random.nextBoolean() ? "online" : "card_present");
    return TransactionWriter.write(txn, "freshet-demo", id, id);
  }

  private GeoPoint jitter(GeoPoint p) {
    return new GeoPoint(
        p.lat() + random.nextDouble(-0.05, 0.05), p.lon() + random.nextDouble(-0.05, 0.05));
  }
}
