package io.freshet.pipelines.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.freshet.core.fraud.CustomerSummary;
import io.freshet.core.fraud.FraudDetector;
import io.freshet.core.fraud.FraudRulesConfig;
import io.freshet.core.fraud.InMemoryLedger;
import io.freshet.core.fraud.LedgerChunk;
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
 * RocksDB values) carry: the summary stays small and each transaction in a ledger chunk takes a few
 * bytes.
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

    // Then the ledger holds two chunks of eight; the summary the other four and one event id
    assertThat(summary.recentTimes()).hasSize(4);
    assertThat(summary.eventIdFingerprints()).hasSize(1);
    assertThat(ledger.size()).isEqualTo(2);
    TypeSerializer<CustomerSummary> summaries =
        TypeInformation.of(CustomerSummary.class).createSerializer(new SerializerConfigImpl());
    int summaryBytes = size(summaries, summary);
    int chunkBytes = 0;
    for (Map.Entry<Integer, LedgerChunk> e : ledger.entries().entrySet()) {
      chunkBytes += Integer.BYTES + size(LedgerChunkSerializer.INSTANCE, e.getValue());
    }
    // (the figures docs/benchmarks.md quotes)
    System.out.printf(
        "summary %d B, 2 ledger chunks of 16 transactions %d B (%.1f B each with their 4-byte"
            + " keys)%n",
        summaryBytes, chunkBytes, chunkBytes / 16.0);
    // 248 B and 161 B: the summary carries the four transactions not yet in a whole chunk, and
    // each chunked one takes 10 B where an entry of its own took 17 B
    assertThat(summaryBytes).isLessThanOrEqualTo(248);
    assertThat(chunkBytes / 16.0).isLessThanOrEqualTo(10.5);
  }

  @Test
  void ledgerChunksRoundTrip() throws Exception {
    for (LedgerChunk c :
        new LedgerChunk[] {
          new LedgerChunk(new long[] {0}, new int[] {1}, new long[] {0}, 1),
          new LedgerChunk(
              new long[] {1_764_547_200_000L, 1_764_676_800_000L, 1_764_676_800_001L},
              new int[] {1, 3, 2},
              new long[] {123_450_000L, 0, 7},
              41),
          new LedgerChunk(
              new long[] {Long.MIN_VALUE, -1, Long.MAX_VALUE - 1},
              new int[] {Integer.MAX_VALUE, 1, 1},
              new long[] {Long.MAX_VALUE, Long.MIN_VALUE, -5},
              Integer.MAX_VALUE),
        }) {
      DataOutputSerializer out = new DataOutputSerializer(32);
      LedgerChunkSerializer.INSTANCE.serialize(c, out);
      LedgerChunk back =
          LedgerChunkSerializer.INSTANCE.deserialize(
              new DataInputDeserializer(out.getCopyOfBuffer()));
      assertThat(back).isEqualTo(c);
    }
  }

  private static <T> int size(TypeSerializer<T> serializer, T value) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    return out.length();
  }
}
