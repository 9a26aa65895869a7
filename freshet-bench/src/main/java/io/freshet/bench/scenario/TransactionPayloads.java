package io.freshet.bench.scenario;

import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionWriter;
import io.freshet.core.geo.GeoPoint;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

/**
 * Writes the newline-delimited payload file ProducerPerformance draws its records from: {@code
 * transaction.initiated} envelopes as Freshet's transactions topic carries them.
 */
public final class TransactionPayloads {
  /** 2026-01-01T00:00:00Z, the fraud workload's first event time. */
  private static final long BASE_TIME = 1_767_225_600_000L;

  /** Customers the envelopes are spread over, as in the fraud throughput runs. */
  private static final int CUSTOMERS = 10_000;

  private static final String[] CATEGORIES = {
    "grocery", "fuel", "restaurant", "electronics", "pharmacy", "apparel", "travel"
  };
  private static final String[] CHANNELS = {"pos", "online", "contactless", "atm"};

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
    Random random = new Random(seed);
    long bytes = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < count; i++) {
        byte[] envelope = envelope(random, i);
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

  /**
   * One envelope with the field formats of the fraud scenarios' transaction workload (UUID event
   * ids, short customer and merchant ids, full-precision coordinates, no correlation or trace id),
   * so a record here is as large as a record those scenarios read.
   */
  private static byte[] envelope(Random random, int seq) {
    int customer = random.nextInt(CUSTOMERS);
    double amount =
        Math.round((20 + random.nextInt(100)) * (1 + random.nextDouble() * 1.5) * 100) / 100.0;
    Transaction txn =
        new Transaction(
            new UUID(random.nextLong(), random.nextLong()).toString(),
            BASE_TIME + seq * 180L,
            "t" + seq,
            "c" + customer,
            amount,
            "USD",
            "m" + random.nextInt(5_000),
            CATEGORIES[random.nextInt(CATEGORIES.length)],
            String.format("%04d", random.nextInt(10_000)),
            new GeoPoint(25 + random.nextDouble() * 30, -120 + random.nextDouble() * 50),
            "dev-" + Long.toHexString(random.nextLong()),
            "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256),
            CHANNELS[random.nextInt(CHANNELS.length)]);
    return TransactionWriter.write(txn, "freshet-bench", null, null);
  }
}
