package io.freshet.runtime.metrics;

import io.freshet.pipelines.kafka.KafkaConnection;
import io.freshet.runtime.kafka.ConsumerOffsets;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka-side metrics read from the cluster on scrape: consumer lag per group and partition in
 * records and seconds, records per topic, and partition health; ISR shrinks from the embedded
 * broker's JMX beans when it runs in this process.
 */
public final class KafkaMetricsCollector implements MultiCollector, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaMetricsCollector.class);
  private static final long TIMEOUT_SECONDS = 5;
  private static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);

  private final Admin admin;
  private final Set<String> topics;
  private final KafkaConsumer<byte[], byte[]> peeker;

  /**
   * @param topics the topics to report records and partition health for (Freshet's own)
   */
  public KafkaMetricsCollector(Admin admin, KafkaConnection kafka, Collection<String> topics) {
    this.admin = admin;
    this.topics = Set.copyOf(topics);
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "freshet-lag-probe");
    this.peeker =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public synchronized MetricSnapshots collect() {
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    try {
      Map<String, TopicDescription> described =
          admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<TopicPartition, Long> ends = endOffsets(partitionsOf(described.values()));
      partitionHealth(described, out);
      topicRecords(ends, out);
      consumerLag(ends, out);
    } catch (Exception e) {
      // A scrape must not fail because the cluster is briefly unreachable; the gap shows.
      LOG.warn("Kafka metrics unavailable for this scrape: {}", e.toString());
    }
    isrShrinks(out);
    return out.build();
  }

  private static List<TopicPartition> partitionsOf(Collection<TopicDescription> topics) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (TopicDescription t : topics) {
      for (TopicPartitionInfo p : t.partitions()) {
        partitions.add(new TopicPartition(t.name(), p.partition()));
      }
    }
    return partitions;
  }

  private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions)
      throws InterruptedException {
    return ConsumerOffsets.endOffsets(admin, partitions, TIMEOUT);
  }

  private static void partitionHealth(
      Map<String, TopicDescription> described, MetricSnapshots.Builder out) {
    long underReplicated = 0;
    long offline = 0;
    for (TopicDescription t : described.values()) {
      for (TopicPartitionInfo p : t.partitions()) {
        if (p.leader() == null || p.leader().isEmpty()) {
          offline++;
        }
        if (p.isr().size() < p.replicas().size()) {
          underReplicated++;
        }
      }
    }
    out.metricSnapshot(gauge("freshet_kafka_under_replicated_partitions", underReplicated));
    out.metricSnapshot(gauge("freshet_kafka_offline_partitions", offline));
  }

  private static void topicRecords(Map<TopicPartition, Long> ends, MetricSnapshots.Builder out) {
    Map<String, Long> perTopic =
        ends.entrySet().stream()
            .collect(
                Collectors.groupingBy(
                    e -> e.getKey().topic(),
                    java.util.TreeMap::new,
                    Collectors.summingLong(Map.Entry::getValue)));
    CounterSnapshot.Builder counter = CounterSnapshot.builder().name("freshet_topic_records");
    perTopic.forEach(
        (topic, total) ->
            counter.dataPoint(
                CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(Labels.of("topic", topic))
                    .value(total)
                    .build()));
    out.metricSnapshot(counter.build());
  }

  private void consumerLag(Map<TopicPartition, Long> ends, MetricSnapshots.Builder out)
      throws InterruptedException {
    GaugeSnapshot.Builder records = GaugeSnapshot.builder().name("freshet_consumer_lag_records");
    GaugeSnapshot.Builder seconds = GaugeSnapshot.builder().name("freshet_consumer_lag_seconds");
    long now = System.currentTimeMillis();
    for (Map.Entry<String, Map<TopicPartition, Long>> group :
        ConsumerOffsets.committed(admin, TIMEOUT).entrySet()) {
      for (Map.Entry<TopicPartition, Long> c : group.getValue().entrySet()) {
        Long end = ends.get(c.getKey());
        if (end == null) {
          continue;
        }
        long position = c.getValue();
        long lag = ConsumerOffsets.lag(end, position);
        Labels labels =
            Labels.of(
                "group",
                group.getKey(),
                "partition",
                Integer.toString(c.getKey().partition()),
                "topic",
                c.getKey().topic());
        records.dataPoint(
            GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(lag).build());
        double age = lag == 0 ? 0 : ageOfRecordAt(c.getKey(), position, now);
        seconds.dataPoint(
            GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(age).build());
      }
    }
    out.metricSnapshot(records.build());
    out.metricSnapshot(seconds.build());
  }

  /** Seconds since the oldest unconsumed record was appended. */
  private double ageOfRecordAt(TopicPartition tp, long offset, long now) {
    peeker.assign(List.of(tp));
    peeker.seek(tp, offset);
    List<ConsumerRecord<byte[], byte[]>> polled = peeker.poll(Duration.ofSeconds(2)).records(tp);
    return polled.isEmpty() ? 0 : Math.max(0, (now - polled.get(0).timestamp()) / 1000.0);
  }

  /** ISR shrinks as counted by the broker in this JVM; absent when Kafka is external. */
  private static void isrShrinks(MetricSnapshots.Builder out) {
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    try {
      ObjectName name = new ObjectName("kafka.server:type=ReplicaManager,name=IsrShrinksPerSec");
      if (jmx.isRegistered(name)) {
        Number count = (Number) jmx.getAttribute(name, "Count");
        out.metricSnapshot(
            CounterSnapshot.builder()
                .name("freshet_kafka_isr_shrinks")
                .dataPoint(
                    CounterSnapshot.CounterDataPointSnapshot.builder()
                        .value(count.doubleValue())
                        .build())
                .build());
      }
    } catch (javax.management.JMException e) {
      LOG.warn("Broker ISR metric unavailable: {}", e.toString());
    }
  }

  private static GaugeSnapshot gauge(String name, double value) {
    return GaugeSnapshot.builder()
        .name(name)
        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build())
        .build();
  }

  @Override
  public synchronized void close() {
    peeker.close(Duration.ofSeconds(5));
  }
}
