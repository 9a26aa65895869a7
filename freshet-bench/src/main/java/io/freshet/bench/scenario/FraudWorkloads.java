package io.freshet.bench.scenario;

import io.freshet.testkit.fraud.PlainTransactions;
import io.freshet.testkit.fraud.TransactionScenarioGenerator;
import io.freshet.testkit.fraud.TransactionStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** The bench's fraud inputs, all from the testkit's one seeded transaction generator. */
public final class FraudWorkloads {
  /** Event time of the first transaction; on a 5 s boundary. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** {@link #START} in epoch milliseconds: fixed, so two runs load identical bytes. */
  public static final long EVENT_TIME_BASE = START.toEpochMilli();

  private FraudWorkloads() {}

  /**
   * Plain valid transactions with exact ids, for the {@code state} and {@code recovery} scenarios,
   * which need exact counts and distinct ids rather than a realistic fraud mix.
   */
  static PlainTransactions plain(long seed) {
    return TransactionScenarioGenerator.withSeed(seed).plain();
  }

  /** {@code events} transactions over {@code customers} from {@link #START}, drawn from seed. */
  public static TransactionStream stream(long seed, long events, int customers) {
    return TransactionScenarioGenerator.withSeed(seed)
        .customers(customers)
        .baseInstant(START)
        .stream(events);
  }

  /** The same, each customer's transactions {@code customerGap} apart on average. */
  public static TransactionStream stream(
      long seed, long events, int customers, Duration customerGap) {
    return TransactionScenarioGenerator.withSeed(seed)
        .customers(customers)
        .baseInstant(START)
        .customerGap(customerGap)
        .stream(events);
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
