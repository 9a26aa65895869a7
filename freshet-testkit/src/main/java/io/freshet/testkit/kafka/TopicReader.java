package io.freshet.testkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads whole topics from the beginning, read_committed or read_uncommitted, by polling until a
 * condition, a count or the current end offsets is reached before a deadline.
 *
 * <p>Two styles, not to be mixed on one reader: {@link #poll()} and {@link #awaitCount} accumulate
 * every record read (for small test topics), while {@link #readUntil} and {@link #readToEnd} hand
 * each record to a handler and keep nothing (for millions of records).
 */
public final class TopicReader implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  /** How long {@link #readToEnd(RecordHandler)} may take. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);

  /** Which records a reader sees. */
  public enum Isolation {
    /** Only records of committed transactions (and non-transactional ones). */
    READ_COMMITTED("read_committed"),
    /** Every record written, aborted transactions included. */
    READ_UNCOMMITTED("read_uncommitted");

    private final String config;

    Isolation(String config) {
      this.config = config;
    }
  }

  /** A handler of each record read, told when it was received (wall clock, ms). */
  @FunctionalInterface
  public interface RecordHandler {
    void accept(ConsumerRecord<byte[], byte[]> record, long receivedAtMillis);
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions = new ArrayList<>();
  private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

  private TopicReader(Properties props, Collection<String> topics) {
    consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    for (String topic : topics) {
      for (PartitionInfo info : consumer.partitionsFor(topic, METADATA_TIMEOUT)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** A read_committed reader of {@code topics} on {@code bootstrapServers}. */
  public static TopicReader committed(String bootstrapServers, String... topics) {
    return open(bootstrapServers, Isolation.READ_COMMITTED, List.of(topics));
  }

  /** A read_uncommitted reader of {@code topics} on {@code bootstrapServers}. */
  public static TopicReader uncommitted(String bootstrapServers, String... topics) {
    return open(bootstrapServers, Isolation.READ_UNCOMMITTED, List.of(topics));
  }

  /** A reader of {@code topics} with the given isolation and large fetch sizes. */
  public static TopicReader open(
      String bootstrapServers, Isolation isolation, Collection<String> topics) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(25 << 20));
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(50 << 20));
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    return open(props, isolation, topics);
  }

  /**
   * A reader of {@code topics} with consumer properties of the caller's own (bootstrap servers
   * included); isolation, auto-commit and deserializers are set here.
   */
  public static TopicReader open(
      Properties consumerProperties, Isolation isolation, Collection<String> topics) {
    Properties props = new Properties();
    props.putAll(consumerProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.config);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
    props.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    return new TopicReader(props, topics);
  }

  /** Polls once and returns every record accumulated so far, in the order read. */
  public List<ConsumerRecord<byte[], byte[]>> poll() {
    consumer.poll(POLL).forEach(records::add);
    return records;
  }

  /** The records accumulated by {@link #poll()} and {@link #awaitCount} so far. */
  public List<ConsumerRecord<byte[], byte[]>> records() {
    return records;
  }

  /**
   * Polls until at least {@code count} records are accumulated and returns them all.
   *
   * @throws IllegalStateException when {@code deadline} passes first
   */
  public List<ConsumerRecord<byte[], byte[]>> awaitCount(int count, Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    while (poll().size() < count) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            "read " + records.size() + " of " + count + " records within " + deadline);
      }
    }
    return records;
  }

  /**
   * Hands every record to {@code handler} until {@code done} holds; returns {@link
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
      pollInto(handler);
    }
    return System.nanoTime();
  }

  /**
   * Hands every record up to the end offsets at the time of the call to {@code handler}.
   *
   * @throws IllegalStateException when {@code deadline} passes first
   */
  public void readToEnd(RecordHandler handler, Duration deadline) {
    Map<TopicPartition, Long> ends = endOffsets();
    long end = System.nanoTime() + deadline.toNanos();
    while (!reached(ends)) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("could not read up to " + ends + " within " + deadline);
      }
      pollInto(handler);
    }
  }

  /** {@link #readToEnd(RecordHandler, Duration)} within {@link #DEFAULT_DEADLINE}. */
  public void readToEnd(RecordHandler handler) {
    readToEnd(handler, DEFAULT_DEADLINE);
  }

  /** How many records there are up to the current end offsets; transaction markers are none. */
  public long countToEnd(Duration deadline) {
    long[] count = {0};
    readToEnd((record, at) -> count[0]++, deadline);
    return count[0];
  }

  /** The current end offsets of every partition read, as this reader's isolation sees them. */
  public Map<TopicPartition, Long> endOffsets() {
    return consumer.endOffsets(partitions, METADATA_TIMEOUT);
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void pollInto(RecordHandler handler) {
    ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
    long received = System.currentTimeMillis();
    for (ConsumerRecord<byte[], byte[]> record : polled) {
      handler.accept(record, received);
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
