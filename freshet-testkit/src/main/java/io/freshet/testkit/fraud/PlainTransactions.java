package io.freshet.testkit.fraud;

import io.freshet.testkit.fraud.GeneratedRecord.Kind;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Seeded plain valid transactions with caller-chosen customer, transaction id and event time, every
 * envelope field filled as production fills it, made by {@link
 * TransactionScenarioGenerator#plain()}.
 */
public final class PlainTransactions {
  private static final double[][] CITIES = {
    {51.5074, -0.1278}, {48.8566, 2.3522}, {52.5200, 13.4050},
  };
  private static final String[] CATEGORIES = {"grocery", "fuel", "electronics", "travel", "dining"};

  private final SplittableRandom random;

  PlainTransactions(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The next transaction; its Kafka key is the customer id, as in production. */
  public GeneratedRecord next(String customerId, String transactionId, long eventTimeMillis) {
    String eventId = TransactionScenarioGenerator.uuid(random);
    double[] city = CITIES[random.nextInt(CITIES.length)];
    Instant at = Instant.ofEpochMilli(eventTimeMillis);
    byte[] value =
        TransactionEnvelopeBuilder.transaction(transactionId, customerId, at)
            .eventId(eventId)
            .amountCents(500 + random.nextLong(14_501))
            .currency("EUR")
            .merchant(
                "merchant-" + random.nextInt(200), CATEGORIES[random.nextInt(CATEGORIES.length)])
            .cardLastFour(String.format("%04d", random.nextInt(10_000)))
            .at(
                Math.round((city[0] + random.nextDouble(-0.05, 0.05)) * 1e6) / 1e6,
                Math.round((city[1] + random.nextDouble(-0.05, 0.05)) * 1e6) / 1e6)
            .deviceFingerprint("device-" + random.nextInt(9973))
            .ipAddress("10.0." + random.nextInt(256) + "." + random.nextInt(256))
            .channel(random.nextBoolean() ? "online" : "card_present")
            .bytes();
    return new GeneratedRecord(
        customerId, value, Kind.VALID, customerId, -1, eventId, transactionId, at, null);
  }
}
