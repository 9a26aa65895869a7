package io.freshet.runtime.topics;

import io.freshet.runtime.kafka.AdminCalls;
import io.freshet.runtime.kafka.ConsumerOffsets;
import io.freshet.runtime.topics.GroupLag.PartitionLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.TopicPartition;

/** The consumer groups of the cluster with their committed offsets and lag per partition. */
final class GroupLagListing {
  private final Admin admin;
  private final Duration timeout;

  GroupLagListing(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * Every consumer group with its state and, per partition it committed an offset for, the
   * committed offset, the end offset and the lag, by group id.
   */
  List<GroupLag> consumerGroups() throws InterruptedException {
    Deadline deadline = new Deadline(timeout);
    Map<String, Map<TopicPartition, Long>> committed =
        ConsumerOffsets.committed(admin, deadline.remaining());
    if (committed.isEmpty()) {
      return List.of();
    }
    Map<String, ConsumerGroupDescription> described =
        AdminCalls.await(
            admin
                .describeConsumerGroups(
                    committed.keySet(),
                    new DescribeConsumerGroupsOptions().timeoutMs(deadline.millis()))
                .all(),
            deadline.remaining());
    // Offsets committed for a topic since deleted have no end to compare with.
    Set<String> topics =
        AdminCalls.await(
            admin
                .listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(deadline.millis()))
                .names(),
            deadline.remaining());
    List<TopicPartition> partitions =
        committed.values().stream()
            .map(Map::keySet)
            .flatMap(Collection::stream)
            .filter(tp -> topics.contains(tp.topic()))
            .distinct()
            .toList();
    Map<TopicPartition, Long> ends =
        ConsumerOffsets.endOffsets(admin, partitions, deadline.remaining());
    List<GroupLag> groups = new ArrayList<>();
    committed.forEach(
        (group, offsets) -> {
          List<PartitionLag> lags = new ArrayList<>();
          offsets.forEach(
              (tp, offset) -> {
                Long endOffset = ends.get(tp);
                lags.add(
                    new PartitionLag(
                        tp.topic(),
                        tp.partition(),
                        offset,
                        endOffset,
                        endOffset == null ? null : ConsumerOffsets.lag(endOffset, offset)));
              });
          ConsumerGroupDescription d = described.get(group);
          groups.add(
              new GroupLag(
                  group,
                  d == null || d.groupState() == null ? "UNKNOWN" : d.groupState().name(),
                  d == null ? 0 : d.members().size(),
                  lags));
        });
    return groups;
  }
}
