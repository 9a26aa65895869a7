package io.freshet.bench.harness;

import io.freshet.bench.workload.BenchRecord;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Loads a generated backlog into a topic before a throughput clock starts, with the same producer
 * settings as {@code kafka-limit}.
 */
public final class BacklogLoader {
  private final BenchKafka kafka;
  private final Progress progress;

  public BacklogLoader(BenchKafka kafka, Progress progress) {
    this.kafka = kafka;
    this.progress = progress;
  }

  /** What was loaded. */
  public record Loaded(String topic, long records, long valueBytes, double seconds) {
    public double recordsPerSecond() {
      return records / seconds;
    }

    public double meanValueBytes() {
      return records == 0 ? 0 : (double) valueBytes / records;
    }
  }

  /** Produces every record of {@code records} ({@code total} of them) and waits for all acks. */
  public Loaded load(String topic, Iterator<BenchRecord> records, long total) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    Progress.Step step = progress.start("loading " + topic, total);
    long bytes = 0;
    long count = 0;
    long started = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
      while (records.hasNext()) {
        BenchRecord record = records.next();
        bytes += record.value().length;
        producer.send(
            new ProducerRecord<>(topic, record.key(), record.value()),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
        count++;
        if ((count & 0x3FFF) == 0) {
          step.update(count);
          throwIfFailed(failure);
        }
      }
      producer.flush();
    }
    throwIfFailed(failure);
    step.update(count);
    return new Loaded(topic, count, bytes, (System.nanoTime() - started) / 1e9);
  }

  private static void throwIfFailed(AtomicReference<Exception> failure) {
    if (failure.get() != null) {
      throw new IllegalStateException("loading the backlog failed", failure.get());
    }
  }
}
