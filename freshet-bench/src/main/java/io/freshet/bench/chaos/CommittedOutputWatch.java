package io.freshet.bench.chaos;

import io.freshet.bench.harness.BenchKafka;
import io.freshet.testkit.kafka.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads an output topic as an auditor would ({@code read_committed}) in a thread of its own while
 * failures are injected: how many records are committed so far, and when the first record written
 * after a mark (the end offsets at a kill) became visible.
 */
final class CommittedOutputWatch implements AutoCloseable {
  private final TopicReader reader;
  private final Thread thread;
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong firstAfterMarkNanos = new AtomicLong();
  private final AtomicReference<Map<TopicPartition, Long>> mark = new AtomicReference<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private volatile boolean stopped;

  CommittedOutputWatch(BenchKafka kafka, String topic) {
    this.reader = kafka.committedReader(List.of(topic));
    this.thread = new Thread(this::read, "chaos-committed-" + topic);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void read() {
    try {
      reader.readUntil(
          (record, at) -> {
            committed.incrementAndGet();
            Map<TopicPartition, Long> current = mark.get();
            if (current != null && firstAfterMarkNanos.get() == 0) {
              Long end = current.get(new TopicPartition(record.topic(), record.partition()));
              if (end != null && record.offset() >= end) {
                firstAfterMarkNanos.compareAndSet(0, System.nanoTime());
              }
            }
          },
          () -> stopped,
          Duration.ofDays(1));
    } catch (RuntimeException e) {
      failure.set(e);
    }
  }

  /** Committed records read so far. */
  long committed() {
    throwIfFailed();
    return committed.get();
  }

  /** From now on, waits for a record at or past {@code endOffsets}, written after them. */
  void markFrom(Map<TopicPartition, Long> endOffsets) {
    firstAfterMarkNanos.set(0);
    mark.set(Map.copyOf(endOffsets));
  }

  /** {@link System#nanoTime()} when the first record past the mark was read, 0 until then. */
  long firstAfterMarkNanos() {
    throwIfFailed();
    return firstAfterMarkNanos.get();
  }

  private void throwIfFailed() {
    RuntimeException e = failure.get();
    if (e != null) {
      throw new IllegalStateException("reading the committed output failed", e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join(Duration.ofSeconds(30).toMillis());
    reader.close();
  }
}
