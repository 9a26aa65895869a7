package io.freshet.pipelines.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Positions a group-less consumer at the ends of topics, for readers that only want what is written
 * from now on (the decision API's listener, the dashboard's feeds).
 */
public final class EndPositions {
  private EndPositions() {}

  /**
   * Assigns every partition of {@code topics} and resolves their end offsets now, so that a record
   * written after this returns is never skipped (a lazy seek would resolve the end at the first
   * poll).
   */
  public static void assignAtEnd(
      KafkaConsumer<?, ?> consumer, Collection<String> topics, Duration timeout) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      for (PartitionInfo p : consumer.partitionsFor(topic, timeout)) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    for (TopicPartition partition : partitions) {
      consumer.position(partition, timeout);
    }
  }
}
