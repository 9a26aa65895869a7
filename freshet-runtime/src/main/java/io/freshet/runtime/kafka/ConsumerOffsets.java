package io.freshet.runtime.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What consumer lag is computed from, read with the Admin client: the partitions' end offsets and
 * every consumer group's committed offsets. Shared by the Prometheus collector and the dashboard's
 * consumer-groups view, so both report the same numbers.
 */
public final class ConsumerOffsets {
  private ConsumerOffsets() {}

  /** The end offset (high watermark) of each partition, within {@code timeout}. */
  public static Map<TopicPartition, Long> endOffsets(
      Admin admin, Collection<TopicPartition> partitions, Duration timeout)
      throws InterruptedException {
    return offsets(admin, partitions, OffsetSpec.latest(), timeout);
  }

  /** The earliest offset still held of each partition, within {@code timeout}. */
  public static Map<TopicPartition, Long> startOffsets(
      Admin admin, Collection<TopicPartition> partitions, Duration timeout)
      throws InterruptedException {
    return offsets(admin, partitions, OffsetSpec.earliest(), timeout);
  }

  private static Map<TopicPartition, Long> offsets(
      Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec, Duration timeout)
      throws InterruptedException {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    AdminCalls.await(
            admin
                .listOffsets(
                    request, new ListOffsetsOptions().timeoutMs(AdminCalls.millis(timeout)))
                .all(),
            timeout)
        .forEach((tp, info) -> offsets.put(tp, info.offset()));
    return offsets;
  }

  /**
   * Every consumer group, by id in order, with the offsets it has committed; a group that has
   * committed none maps to an empty map.
   */
  public static Map<String, Map<TopicPartition, Long>> committed(Admin admin, Duration timeout)
      throws InterruptedException {
    Collection<GroupListing> groups =
        AdminCalls.await(
            admin
                .listGroups(
                    ListGroupsOptions.forConsumerGroups().timeoutMs(AdminCalls.millis(timeout)))
                .all(),
            timeout);
    Map<String, Map<TopicPartition, Long>> committed = new TreeMap<>();
    if (groups.isEmpty()) {
      return committed;
    }
    Map<String, ListConsumerGroupOffsetsSpec> request = new LinkedHashMap<>();
    groups.forEach(g -> request.put(g.groupId(), new ListConsumerGroupOffsetsSpec()));
    Map<String, Map<TopicPartition, OffsetAndMetadata>> answer =
        AdminCalls.await(
            admin
                .listConsumerGroupOffsets(
                    request,
                    new ListConsumerGroupOffsetsOptions().timeoutMs(AdminCalls.millis(timeout)))
                .all(),
            timeout);
    for (String group : request.keySet()) {
      Map<TopicPartition, Long> offsets = new TreeMap<>(ConsumerOffsets::compare);
      answer
          .getOrDefault(group, Map.of())
          .forEach(
              (tp, offset) -> {
                // A partition listed without an offset has none committed.
                if (offset != null) {
                  offsets.put(tp, offset.offset());
                }
              });
      committed.put(group, offsets);
    }
    return committed;
  }

  /**
   * Records not yet consumed: never negative, as a committed offset may run ahead of a stale end.
   */
  public static long lag(long end, long committed) {
    return Math.max(0, end - committed);
  }

  private static int compare(TopicPartition a, TopicPartition b) {
    int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }
}
