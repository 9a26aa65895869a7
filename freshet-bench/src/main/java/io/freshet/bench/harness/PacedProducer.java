package io.freshet.bench.harness;

import io.freshet.bench.workload.BenchRecord;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces at a fixed rate for latency runs, each record at its due time (not in bursts), and keeps
 * every record's broker append time so latency is measured on the broker's clock.
 */
public final class PacedProducer implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  public PacedProducer(BenchKafka kafka, String topic) {
    this.producer = new KafkaProducer<>(kafka.producerProperties());
    this.topic = topic;
  }

  /** What a phase achieved. */
  public record Phase(long records, double seconds) {
    public double rate() {
      return records / seconds;
    }
  }

  /**
   * Sends {@code count} records from {@code records} at {@code ratePerSecond}; the append time of
   * record {@code firstSeq + i} lands in {@code appendTimes[firstSeq + i]} once acknowledged.
   */
  public Phase run(
      Iterator<BenchRecord> records,
      long count,
      int ratePerSecond,
      long[] appendTimes,
      int firstSeq,
      Progress.Step step) {
    long intervalNanos = 1_000_000_000L / ratePerSecond;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      BenchRecord record = records.next();
      int seq = firstSeq + i;
      producer.send(
          new ProducerRecord<>(topic, record.key(), record.value()),
          (metadata, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            } else {
              appendTimes[seq] = metadata.timestamp();
            }
          });
      if ((i & 0x3FF) == 0) {
        step.update(i);
        throwIfFailed();
      }
    }
    producer.flush();
    throwIfFailed();
    step.update(count);
    return new Phase(count, (System.nanoTime() - start) / 1e9);
  }

  private void throwIfFailed() {
    if (failure.get() != null) {
      throw new IllegalStateException("paced production failed", failure.get());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
