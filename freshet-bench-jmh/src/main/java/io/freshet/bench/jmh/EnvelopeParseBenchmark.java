package io.freshet.bench.jmh;

import io.freshet.core.envelope.InvalidEventException;
import io.freshet.core.fraud.Transaction;
import io.freshet.core.fraud.TransactionReader;
import io.freshet.core.fraud.TransactionWriter;
import io.freshet.core.geo.GeoPoint;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing and validating one {@code transaction.initiated} envelope, valid and rejected. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EnvelopeParseBenchmark {
  private TransactionReader reader;
  private byte[] valid;
  private byte[] malformedAmount;

  @Setup
  public void setUp() {
    reader = new TransactionReader();
    Random random = new Random(BenchData.SEED);
    Transaction txn =
        BenchData.transaction(
            random, 1, BenchData.BASE_TIME, 87.35, new GeoPoint(52.520008, 13.404954));
    valid = TransactionWriter.write(txn, "freshet-generator", "corr-0001", "trace-0001");
    String json = new String(valid, StandardCharsets.UTF_8);
    String bad = json.replace("\"amount\":87.35", "\"amount\":\"abc\"");
    if (bad.equals(json)) {
      throw new IllegalStateException("amount not found in " + json);
    }
    malformedAmount = bad.getBytes(StandardCharsets.UTF_8);
    reader.read(valid);
    try {
      reader.read(malformedAmount);
      throw new IllegalStateException("malformed envelope was accepted");
    } catch (InvalidEventException expected) {
      // the rejection path is what readMalformedAmount measures
    }
  }

  @Benchmark
  public Transaction readValid() {
    return reader.read(valid);
  }

  @Benchmark
  public Object readMalformedAmount() {
    try {
      return reader.read(malformedAmount);
    } catch (InvalidEventException e) {
      return e;
    }
  }
}
