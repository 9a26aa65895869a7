package io.freshet.bench.jmh;

import io.freshet.core.fraud.Transaction;
import io.freshet.core.geo.GeoPoint;
import java.util.Random;

/** Seeded sample transactions shared by the benchmarks, so every run measures the same data. */
final class BenchData {
  /** 2026-01-01T00:00:00Z, the event time the generated histories end near. */
  static final long BASE_TIME = 1_767_225_600_000L;

  static final long SEED = 42L;

  private BenchData() {}

  /** A transaction with every optional field present, as the generator produces them. */
  static Transaction transaction(
      Random random, int seq, long eventTime, double amount, GeoPoint location) {
    String customer = "cust-000042";
    return new Transaction(
        String.format("evt-%08d-%04x", seq, random.nextInt(0x10000)),
        eventTime,
        String.format("txn-%08d", seq),
        customer,
        amount,
        "EUR",
        "merch-" + (1000 + random.nextInt(9000)),
        "grocery",
        String.format("%04d", random.nextInt(10_000)),
        location,
        "fp-" + Long.toHexString(random.nextLong()),
        "10.0." + random.nextInt(256) + "." + random.nextInt(256),
        "card_present");
  }
}
