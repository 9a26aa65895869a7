package io.freshet.runtime.autoscale;

import io.freshet.runtime.kafka.AdminCalls;
import io.freshet.runtime.kafka.ConsumerOffsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's lag on its input topics, read with the Admin client: the partitions' end
 * offsets less the group's committed ones. Flink's Kafka source commits on completed checkpoints,
 * so the lag includes up to one checkpoint interval of records already processed; a partition the
 * group never committed counts from its earliest offset, where the job starts reading it.
 */
public final class KafkaLagSource implements LagSource, AutoCloseable {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final Admin admin;
  private final String group;
  private final List<String> topics;

  private KafkaLagSource(Admin admin, String group, List<String> topics) {
    this.admin = admin;
    this.group = group;
    this.topics = List.copyOf(topics);
  }

  /** The lag of {@code group} on {@code topics} of the cluster the client properties name. */
  public static KafkaLagSource open(
      Properties clientProperties, String group, List<String> topics) {
    Objects.requireNonNull(group, "group");
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("no input topics to read the lag of");
    }
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "freshet-autoscale");
    return new KafkaLagSource(Admin.create(props), group, topics);
  }

  /** The most partitions of any input topic: more instances than that would read nothing. */
  public int partitions() throws InterruptedException {
    return describe().values().stream().mapToInt(d -> d.partitions().size()).max().orElse(1);
  }

  @Override
  public long lag() throws InterruptedException {
    List<TopicPartition> partitions = new ArrayList<>();
    describe()
        .values()
        .forEach(
            d ->
                d.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
    Map<TopicPartition, Long> ends = ConsumerOffsets.endOffsets(admin, partitions, CALL_TIMEOUT);
    Map<TopicPartition, OffsetAndMetadata> committed =
        AdminCalls.await(
            admin
                .listConsumerGroupOffsets(
                    group,
                    new ListConsumerGroupOffsetsOptions()
                        .timeoutMs(AdminCalls.millis(CALL_TIMEOUT)))
                .partitionsToOffsetAndMetadata(),
            CALL_TIMEOUT);
    List<TopicPartition> uncommitted =
        partitions.stream().filter(tp -> committed.get(tp) == null).toList();
    Map<TopicPartition, Long> starts =
        uncommitted.isEmpty()
            ? new HashMap<>()
            : ConsumerOffsets.startOffsets(admin, uncommitted, CALL_TIMEOUT);
    long lag = 0;
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata at = committed.get(tp);
      long from = at != null ? at.offset() : starts.getOrDefault(tp, 0L);
      lag += ConsumerOffsets.lag(ends.getOrDefault(tp, from), from);
    }
    return lag;
  }

  private Map<String, TopicDescription> describe() throws InterruptedException {
    return AdminCalls.await(admin.describeTopics(topics).allTopicNames(), CALL_TIMEOUT);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
