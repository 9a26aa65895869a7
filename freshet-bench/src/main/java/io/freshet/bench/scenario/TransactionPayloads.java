package io.freshet.bench.scenario;

import io.freshet.bench.workload.BenchRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Writes the newline-delimited payload file ProducerPerformance draws its records from: {@code
 * transaction.initiated} envelopes from the fraud scenarios' own workload, so a record here is as
 * large as a record those scenarios read.
 */
public final class TransactionPayloads {
  private TransactionPayloads() {}

  /**
   * A written payload file.
   *
   * @param meanBytes mean UTF-8 size of one payload, without its delimiter
   */
  public record PayloadFile(Path path, int count, double meanBytes) {}

  /** Writes {@code count} distinct envelopes, one a line, drawn from {@code seed}. */
  public static PayloadFile write(Path file, int count, long seed) throws IOException {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    Iterator<BenchRecord> records =
        BenchRecord.of(
            FraudWorkloads.stream(seed, count, FraudThroughputScenario.customersFor(count))
                .iterator());
    long bytes = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < count; i++) {
        byte[] envelope = records.next().value();
        // ProducerPerformance splits the file on '\n'; Jackson's compact output has none, but a
        // payload split in two would silently change the record size.
        for (byte b : envelope) {
          if (b == '\n' || b == '\r') {
            throw new IllegalStateException("envelope " + i + " contains a line break");
          }
        }
        out.write(envelope);
        out.write('\n');
        bytes += envelope.length;
      }
    }
    return new PayloadFile(file, count, (double) bytes / count);
  }
}
