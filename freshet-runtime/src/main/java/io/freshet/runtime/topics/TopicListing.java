package io.freshet.runtime.topics;

import io.freshet.runtime.kafka.AdminCalls;
import io.freshet.runtime.kafka.ConsumerOffsets;
import io.freshet.runtime.topics.TopicInfo.PartitionOffsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/** The topics of the cluster, Kafka's internal ones excluded, with offsets and retention. */
final class TopicListing {
  private final Admin admin;
  private final Duration timeout;

  TopicListing(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /** Every topic but Kafka's internal ones, by name. */
  List<TopicInfo> topics() throws InterruptedException {
    Deadline deadline = new Deadline(timeout);
    Set<String> names =
        AdminCalls.await(
            admin
                .listTopics(
                    new ListTopicsOptions().listInternal(false).timeoutMs(deadline.millis()))
                .names(),
            deadline.remaining());
    if (names.isEmpty()) {
      return List.of();
    }
    Map<String, TopicDescription> described =
        AdminCalls.await(
            admin
                .describeTopics(names, new DescribeTopicsOptions().timeoutMs(deadline.millis()))
                .allTopicNames(),
            deadline.remaining());
    List<TopicPartition> partitions = new ArrayList<>();
    described
        .values()
        .forEach(
            t ->
                t.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition()))));
    Map<TopicPartition, Long> starts =
        ConsumerOffsets.startOffsets(admin, partitions, deadline.remaining());
    Map<TopicPartition, Long> ends =
        ConsumerOffsets.endOffsets(admin, partitions, deadline.remaining());
    List<ConfigResource> resources =
        names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs =
        AdminCalls.await(
            admin
                .describeConfigs(
                    resources, new DescribeConfigsOptions().timeoutMs(deadline.millis()))
                .all(),
            deadline.remaining());
    List<TopicInfo> topics = new ArrayList<>();
    for (TopicDescription t : new TreeMap<>(described).values()) {
      List<PartitionOffsets> offsets = new ArrayList<>();
      int replication = 0;
      for (TopicPartitionInfo p : t.partitions()) {
        TopicPartition tp = new TopicPartition(t.name(), p.partition());
        replication = Math.max(replication, p.replicas().size());
        offsets.add(
            new PartitionOffsets(
                p.partition(),
                starts.get(tp),
                ends.get(tp),
                p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id(),
                p.replicas().size(),
                p.isr().size()));
      }
      offsets.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
      Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t.name()));
      String retention = value(config, TopicConfig.RETENTION_MS_CONFIG);
      topics.add(
          new TopicInfo(
              t.name(),
              replication,
              retention == null ? null : Long.valueOf(retention),
              value(config, TopicConfig.CLEANUP_POLICY_CONFIG),
              offsets));
    }
    return topics;
  }

  private static String value(Config config, String name) {
    ConfigEntry entry = config == null ? null : config.get(name);
    return entry == null ? null : entry.value();
  }
}
