package io.freshet.bench.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads output topics from the beginning as a read_committed consumer sees them, so a result counts
 * only once its transaction committed.
 */
public final class CommittedReader implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions = new ArrayList<>();

  /** A handler of each committed record, told when it was received (wall clock, ms). */
  @FunctionalInterface
  public interface RecordHandler {
    void accept(ConsumerRecord<byte[], byte[]> record, long receivedAtMillis);
  }

  public CommittedReader(BenchKafka kafka, Collection<String> topics) {
    this.consumer = new KafkaConsumer<>(kafka.readCommittedConsumerProperties());
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /**
   * Hands every committed record to {@code handler} until {@code done} holds; returns {@link
   * System#nanoTime()} of the poll that made it hold.
   *
   * @throws IllegalStateException when {@code deadline} passes first
   */
  public long readUntil(RecordHandler handler, BooleanSupplier done, Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("results incomplete after " + deadline);
      }
      poll(handler);
    }
    return System.nanoTime();
  }

  /** Hands every record committed so far to {@code handler}. */
  public void readAllCommitted(RecordHandler handler) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (!reached(ends)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read up to " + ends);
      }
      poll(handler);
    }
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void poll(RecordHandler handler) {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
    long received = System.currentTimeMillis();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      handler.accept(record, received);
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
