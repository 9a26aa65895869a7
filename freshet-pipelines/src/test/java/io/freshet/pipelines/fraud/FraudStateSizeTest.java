package io.freshet.pipelines.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.fraud.CustomerSummary;
import io.freshet.core.fraud.FraudDetector;
import io.freshet.core.fraud.FraudRulesConfig;
import io.freshet.core.fraud.InMemoryLedger;
import io.freshet.core.fraud.LedgerEntry;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * What a customer with a month of history costs in serialized state, the size that checkpoints (and
 * RocksDB values) carry: the summary stays small and each ledger entry takes a few bytes.
 */
class FraudStateSizeTest {
  static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void aCustomerWithTwentyTransactionsInThirtyDays() throws Exception {
    // Given 20 transactions 36 hours apart, through the production rules
    FraudDetector detector = new FraudDetector(FraudRulesConfig.defaults());
    InMemoryLedger ledger = new InMemoryLedger();
    CustomerSummary summary = null;
    Random random = new Random(1);
    for (int i = 0; i < 20; i++) {
      Instant at = START.plus(Duration.ofHours(36L * i)).plusMillis(random.nextInt(1_000_000));
      Transaction txn =
          new Transaction(
              java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) i}).toString(),
              at.toEpochMilli(),
              "t" + i,
              "c1",
              5 + random.nextInt(14_500) / 100.0,
              "EUR",
              "m",
              "grocery",
              "4242",
              new GeoPoint(51.5, -0.12),
              "dev",
              "10.0.0.1",
              "online");
      summary = detector.evaluate(summary, ledger, txn, 0L).summary();
    }

    // Then the summary holds one recent transaction and one event id
    assertThat(summary.recentTimes()).hasSize(1);
    assertThat(summary.eventIdFingerprints()).hasSize(1);
    assertThat(ledger.size()).isEqualTo(19);
    TypeSerializer<CustomerSummary> summaries =
        TypeInformation.of(CustomerSummary.class).createSerializer(new SerializerConfigImpl());
    int summaryBytes = size(summaries, summary);
    int entryBytes = 0;
    for (Map.Entry<Long, LedgerEntry> e : ledger.entries().entrySet()) {
      entryBytes += Long.BYTES + size(LedgerEntrySerializer.INSTANCE, e.getValue());
    }
    // (the figures docs/benchmarks.md quotes)
    System.out.printf(
        "summary %d B, 19 ledger entries %d B (%.1f B each with their 8-byte keys)%n",
        summaryBytes, entryBytes, entryBytes / 19.0);
    // 186 B: 177 B plus retainedUntil, which replaced a ValueState entry of its own per customer
    assertThat(summaryBytes).isLessThanOrEqualTo(186);
    assertThat(entryBytes / 19.0).isLessThanOrEqualTo(18.0);
  }

  @Test
  void ledgerEntriesRoundTrip() throws Exception {
    for (LedgerEntry e :
        new LedgerEntry[] {
          new LedgerEntry(1, 0, 1),
          new LedgerEntry(3, 123_450_000L, 129_600_000L),
          new LedgerEntry(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE),
        }) {
      DataOutputSerializer out = new DataOutputSerializer(32);
      LedgerEntrySerializer.INSTANCE.serialize(e, out);
      LedgerEntry back =
          LedgerEntrySerializer.INSTANCE.deserialize(
              new DataInputDeserializer(out.getCopyOfBuffer()));
      assertThat(back).isEqualTo(e);
    }
  }

  private static <T> int size(TypeSerializer<T> serializer, T value) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    return out.length();
  }
}
