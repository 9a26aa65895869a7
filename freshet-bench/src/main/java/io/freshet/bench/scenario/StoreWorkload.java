package io.freshet.bench.scenario;

import io.freshet.core.fraud.AlertDetails;
import io.freshet.core.fraud.FraudRule;
import io.freshet.core.fraud.RuleHit;
import io.freshet.core.fraud.TransactionDecision;
import io.freshet.core.fraud.Verdict;
import io.freshet.core.iot.SensorStats5s;
import io.freshet.core.iot.SensorType;
import io.freshet.pipelines.fraud.FraudTables;
import io.freshet.pipelines.iot.IotTables;
import io.freshet.serving.ServingTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * The rows of one {@code store} benchmark table: seeded, one key per index, in a {@link #FRESH}
 * version (the key's first row) and an {@link #UPDATE} version (the same key with newer values),
 * and how to check the table holds exactly the last rows written.
 *
 * @param table the production table descriptor the rows go into
 * @param row the row of a shape for a key index
 * @param sumsSql one row of BIGINT aggregates over the whole table
 * @param sums the same aggregates computed from the rows that should be in the table
 */
record StoreWorkload<T>(
    ServingTable<T> table, RowFactory<T> row, String sumsSql, Function<List<T>, long[]> sums) {
  /** New keys: the table grows. */
  static final String FRESH = "fresh";

  /** Every key written again with newer values (a higher revision where the table has one). */
  static final String UPDATE = "update";

  /** Fixed event-time origin of every row: 2026-11-26T12:00:00Z. */
  static final long T0 = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();

  /** The row of one shape and key index. */
  @FunctionalInterface
  interface RowFactory<T> {
    T row(boolean update, long seed, int index);
  }

  /** The rows of {@code shape} for key indexes {@code from} to {@code from + count - 1}. */
  List<T> rows(String shape, long seed, int from, int count) {
    boolean update = UPDATE.equals(shape);
    if (!update && !FRESH.equals(shape)) {
      throw new IllegalArgumentException("unknown shape " + shape);
    }
    List<T> rows = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      rows.add(row.row(update, seed, i));
    }
    return rows;
  }

  /**
   * {@code transaction_decisions}, the fraud pipeline's per-transaction table (no revision: a later
   * row always replaces): UUID transaction ids as the demo generator writes them, 100,000
   * customers, mostly APPROVE with no rules fired. The update rewrites every decision as REVIEW.
   */
  static StoreWorkload<TransactionDecision> decisions() {
    return new StoreWorkload<>(
        FraudTables.TRANSACTION_DECISIONS,
        StoreWorkload::decision,
        "SELECT COUNT(*), CAST(SUM(CASE WHEN decision = 'REVIEW' THEN 1 ELSE 0 END) AS BIGINT),"
            + " CAST(SUM(LENGTH(rules_fired)) AS BIGINT), CAST(SUM(LENGTH(customer_id)) AS BIGINT),"
            + " CAST(SUM(LENGTH(details)) AS BIGINT) FROM transaction_decisions",
        rows -> {
          long review = 0;
          long rulesLength = 0;
          long customerLength = 0;
          long detailsLength = 0;
          for (TransactionDecision d : rows) {
            Object[] columns = FraudTables.TRANSACTION_DECISIONS.toColumns(d);
            review += d.decision() == Verdict.REVIEW ? 1 : 0;
            rulesLength += ((String) columns[3]).length();
            customerLength += d.customerId().length();
            detailsLength += ((String) columns[7]).length();
          }
          return new long[] {rows.size(), review, rulesLength, customerLength, detailsLength};
        });
  }

  /**
   * {@code sensor_stats_5s}, the IoT pipeline's revisioned 5-second window table: 1,000 devices
   * with 5 sensor types each, window after window. The update is revision 1 of every window.
   */
  static StoreWorkload<SensorStats5s> sensorStats() {
    return new StoreWorkload<>(
        IotTables.SENSOR_STATS_5S,
        StoreWorkload::sensorStats,
        "SELECT COUNT(*), CAST(SUM(revision) AS BIGINT), CAST(SUM(\"count\") AS BIGINT),"
            + " CAST(SUM(CAST(mean * 10 AS BIGINT)) AS BIGINT) FROM sensor_stats_5s",
        rows -> {
          long revisions = 0;
          long counts = 0;
          long means = 0;
          for (SensorStats5s s : rows) {
            revisions += s.revision();
            counts += s.count();
            means += Math.round(s.mean() * 10);
          }
          return new long[] {rows.size(), revisions, counts, means};
        });
  }

  private static final RuleHit VELOCITY = new RuleHit(FraudRule.VELOCITY, AlertDetails.velocity(7));
  private static final RuleHit TRAVEL =
      new RuleHit(FraudRule.IMPOSSIBLE_TRAVEL, AlertDetails.travel(2_204.5, 12.0));
  private static final RuleHit AMOUNT =
      new RuleHit(FraudRule.AMOUNT_ANOMALY, AlertDetails.amount(1_250.0, 118.4));

  private static TransactionDecision decision(boolean update, long seed, int i) {
    String transactionId = new UUID(mix(seed, 2L * i), mix(seed, 2L * i + 1)).toString();
    String customerId =
        String.format(Locale.ROOT, "c-%06d", Math.floorMod(mix(seed, -1L - i), 100_000));
    long eventTime = T0 + 10L * i;
    if (update) {
      return new TransactionDecision(
          transactionId,
          "evt-" + transactionId,
          customerId,
          Verdict.REVIEW,
          new RuleHit[] {AMOUNT},
          eventTime,
          eventTime + 1_000);
    }
    int kind = i % 20;
    Verdict verdict = kind == 0 ? Verdict.BLOCK : kind == 1 ? Verdict.REVIEW : Verdict.APPROVE;
    RuleHit[] rules =
        switch (verdict) {
          case BLOCK -> new RuleHit[] {VELOCITY, TRAVEL};
          case REVIEW -> new RuleHit[] {AMOUNT};
          case APPROVE -> new RuleHit[0];
        };
    return new TransactionDecision(
        transactionId,
        "evt-" + transactionId,
        customerId,
        verdict,
        rules,
        eventTime,
        eventTime + 15 + i % 30);
  }

  private static final int DEVICES = 1_000;
  private static final SensorType[] TYPES = SensorType.values();

  private static SensorStats5s sensorStats(boolean update, long seed, int i) {
    int series = i % (DEVICES * TYPES.length);
    long windowStart = T0 + 5_000L * (i / (DEVICES * TYPES.length));
    int noise = Math.floorMod(mix(seed, i), 1_000);
    long count = 1 + noise % 50 + (update ? 3 : 0);
    double mean = 20 + noise / 10.0 + (update ? 0.5 : 0);
    return new SensorStats5s(
        String.format(Locale.ROOT, "dev-%05d", series / TYPES.length),
        TYPES[series % TYPES.length],
        windowStart,
        windowStart + 5_000,
        count,
        mean,
        mean - 1.5,
        mean + 2.25,
        update ? 1 : 0);
  }

  /** SplitMix64 of seed and index: a well-spread long per key, the same on every run. */
  private static long mix(long seed, long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
