package io.freshet.bench.workload;

import io.freshet.testkit.fraud.GeneratedRecord;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/** One generated input record: Kafka key and value bytes. */
public record BenchRecord(byte[] key, byte[] value) {

  /** A testkit record as Kafka key and value bytes. */
  public static BenchRecord of(GeneratedRecord record) {
    return new BenchRecord(record.key().getBytes(StandardCharsets.UTF_8), record.value());
  }

  /** {@link #of(GeneratedRecord)} of each record, lazily. */
  public static Iterator<BenchRecord> of(Iterator<GeneratedRecord> records) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public BenchRecord next() {
        return of(records.next());
      }
    };
  }
}
