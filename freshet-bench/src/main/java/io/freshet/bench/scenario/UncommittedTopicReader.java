package io.freshet.bench.scenario;

import io.freshet.bench.harness.BenchKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reads a topic as a read_uncommitted consumer sees it, aborted transactions included. */
final class UncommittedTopicReader {
  private UncommittedTopicReader() {}

  /** The end offsets of {@code topic}'s partitions, aborted records included. */
  static Map<TopicPartition, Long> endOffsets(BenchKafka kafka, String topic) {
    Properties props = kafka.readCommittedConsumerProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      return consumer.endOffsets(partitions(consumer, topic), Duration.ofSeconds(30));
    }
  }

  /**
   * Every decision record ever written to {@code topic}, aborted ones included, as a
   * read_uncommitted consumer sees them; transaction markers are not records.
   */
  static long countAllWritten(BenchKafka kafka, String topic) {
    Properties props = kafka.readCommittedConsumerProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long count = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " up to " + ends);
        }
        count += consumer.poll(Duration.ofMillis(100)).count();
      }
      return count;
    }
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
      partitions.add(new TopicPartition(topic, info.partition()));
    }
    return partitions;
  }
}
