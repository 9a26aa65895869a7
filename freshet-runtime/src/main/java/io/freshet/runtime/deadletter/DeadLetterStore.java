package io.freshet.runtime.deadletter;

import io.freshet.core.deadletter.DeadLetter;
import io.freshet.core.deadletter.DeadLetterCodec;
import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.topic.DeadLetterTopics;
import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Freshet's dead-letter topics as a read_committed consumer without a group, from the
 * beginning up to the end offsets captured when a read starts, so every read terminates.
 */
public final class DeadLetterStore {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStore.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConnection kafka;
  private final List<String> topics;
  private final Duration timeout;

  /** How long a read may go without progress by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * A store over the dead-letter topics of every registered pipeline, giving up after 30 s without
   * progress.
   */
  public DeadLetterStore(String bootstrapServers) {
    this(bootstrapServers, deadLetterTopics(), DEFAULT_TIMEOUT);
  }

  /**
   * @param topics the dead-letter topics to read
   * @param timeout how long a read may go without progress (cluster unreachable) before it fails
   */
  public DeadLetterStore(String bootstrapServers, List<String> topics, Duration timeout) {
    this(new KafkaConnection(bootstrapServers), topics, timeout);
  }

  /** A store reading {@code topics} of {@code kafka}, with its client properties. */
  public DeadLetterStore(KafkaConnection kafka, List<String> topics, Duration timeout) {
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    this.topics = List.copyOf(topics);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Why {@code topic} cannot be read as dead letters here, naming the topics that can. */
  public String notADeadLetterTopic(String topic) {
    return topic + " is not a dead-letter topic; expected one of " + String.join(", ", topics);
  }

  /** The names of the dead-letter topics of every registered pipeline. */
  public static List<String> deadLetterTopics() {
    return PipelineCatalog.discovered().deadLetterTopics(TopicNaming.PRODUCTION).stream()
        .map(TopicDescriptor::name)
        .toList();
  }

  /** The dead-letter topics this store reads. */
  public List<String> topics() {
    return topics;
  }

  /** The dead letters the filter selects, in topic and offset order, summarised and counted. */
  public DeadLetterListing list(DeadLetterFilter filter) {
    List<DeadLetterSummary> records = new ArrayList<>();
    // Summaries only: a listing must not hold every (up to 10 MiB) original value in memory.
    long unreadable = scan(filter, entry -> records.add(DeadLetterSummary.of(entry)));
    return DeadLetterListing.of(topicsFor(filter), records, unreadable);
  }

  /** The whole dead letters the filter selects, in topic and offset order. */
  public List<DeadLetterEntry> read(DeadLetterFilter filter) {
    List<DeadLetterEntry> entries = new ArrayList<>();
    scan(filter, entries::add);
    return entries;
  }

  /**
   * Passes every dead letter the filter selects to {@code sink}, partition by partition in offset
   * order.
   *
   * @return how many records on the topics were not decodable dead letters; each is logged
   * @throws org.apache.kafka.common.KafkaException when the cluster cannot be read
   */
  public long scan(DeadLetterFilter filter, Consumer<DeadLetterEntry> sink) {
    List<String> selected = topicsFor(filter);
    if (selected.isEmpty()) {
      return 0;
    }
    long unreadable = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : selected) {
        // An unknown topic has no partitions: nothing was ever dead-lettered there.
        for (PartitionInfo p : consumer.partitionsFor(topic, timeout)) {
          partitions.add(new TopicPartition(topic, p.partition()));
        }
      }
      if (partitions.isEmpty()) {
        return 0;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // For read_committed these are the last stable offsets: everything committed so far.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Set<TopicPartition> pending = new HashSet<>(partitions);
      long lastProgress = System.nanoTime();
      while (true) {
        Set<TopicPartition> done = new HashSet<>();
        for (TopicPartition tp : pending) {
          if (consumer.position(tp, timeout) >= end.get(tp)) {
            done.add(tp);
          }
        }
        if (!done.isEmpty()) {
          pending.removeAll(done);
          consumer.pause(done);
          lastProgress = System.nanoTime();
        }
        if (pending.isEmpty()) {
          return unreadable;
        }
        if (System.nanoTime() - lastProgress > timeout.toNanos()) {
          throw new TimeoutException(
              "no progress reading " + pending + " for " + timeout.toSeconds() + " s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          lastProgress = System.nanoTime();
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (r.offset() >= end.get(tp)) {
            continue;
          }
          Optional<DeadLetterEntry> entry = decode(r);
          if (entry.isEmpty()) {
            unreadable++;
          } else if (filter.matches(entry.get())) {
            sink.accept(entry.get());
          }
        }
      }
    }
  }

  /**
   * The dead letter at {@code offset} of partition 0 of {@code topic} (dead-letter topics have one
   * partition, so an offset names a dead letter), if there is a committed one.
   *
   * @throws IllegalArgumentException when the topic is not one of this store's
   */
  public Optional<DeadLetterEntry> find(String topic, long offset) {
    if (!topics.contains(topic)) {
      throw new IllegalArgumentException(notADeadLetterTopic(topic));
    }
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      if (consumer.partitionsFor(topic, timeout).isEmpty()) {
        return Optional.empty();
      }
      TopicPartition tp = new TopicPartition(topic, 0);
      long begin = consumer.beginningOffsets(List.of(tp), timeout).get(tp);
      long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
      if (offset < begin || offset >= end) {
        return Optional.empty();
      }
      consumer.assign(List.of(tp));
      consumer.seek(tp, offset);
      long position = offset;
      long lastProgress = System.nanoTime();
      while (true) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
          ConsumerRecord<byte[], byte[]> first = records.iterator().next();
          // read_committed skips aborted and control records: when the offset is one of those,
          // the first record returned is a later one and there is no dead letter at the offset.
          return first.offset() == offset ? decode(first) : Optional.empty();
        }
        long now = consumer.position(tp, timeout);
        if (now >= end) {
          return Optional.empty();
        }
        if (now != position) {
          position = now;
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
          throw new TimeoutException(
              "no progress reading " + tp + " for " + timeout.toSeconds() + " s");
        }
      }
    }
  }

  private List<String> topicsFor(DeadLetterFilter filter) {
    if (filter.topic() == null) {
      return topics;
    }
    return topics.contains(filter.topic()) ? List.of(filter.topic()) : List.of();
  }

  private static Optional<DeadLetterEntry> decode(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      LOG.warn(
          "{}-{}@{} is not a dead letter: it has no value", r.topic(), r.partition(), r.offset());
      return Optional.empty();
    }
    try {
      DeadLetter letter = DeadLetterCodec.fromJson(r.value());
      return Optional.of(
          new DeadLetterEntry(r.topic(), r.partition(), r.offset(), r.timestamp(), letter));
    } catch (IllegalArgumentException e) {
      // Someone else wrote to the topic; it is counted and logged, not allowed to hide the rest.
      LOG.warn(
          "{}-{}@{} is not a dead letter: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
      return Optional.empty();
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "freshet-dlq-reader");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Looking at a missing dead-letter topic must not create it with the broker's defaults.
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    // Dead letters hold values of up to 10 MiB, Base64-encoded inside JSON.
    props.put(
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
        Integer.toString(DeadLetterTopics.MAX_MESSAGE_BYTES + (1 << 20)));
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(50 << 20));
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
