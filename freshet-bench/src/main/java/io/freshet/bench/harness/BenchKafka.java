package io.freshet.bench.harness;

import io.freshet.pipelines.topic.TopicDescriptor;
import io.freshet.pipelines.topic.TopicNaming;
import io.freshet.runtime.kafka.EmbeddedKafkaBroker;
import io.freshet.runtime.kafka.EmbeddedKafkaConfig;
import io.freshet.testkit.kafka.TopicReader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka cluster a benchmark run uses: a private embedded broker on free ports in the run's
 * directory, or an external cluster where every topic gets the run's own prefix.
 */
public final class BenchKafka implements AutoCloseable {
  private final EmbeddedKafkaBroker broker;
  private final String bootstrapServers;
  private final String topicPrefix;
  private final Admin admin;
  private final short replicationFactor;

  private BenchKafka(EmbeddedKafkaBroker broker, String bootstrapServers, String topicPrefix)
      throws ExecutionException, InterruptedException, TimeoutException {
    this.broker = broker;
    this.bootstrapServers = bootstrapServers;
    this.topicPrefix = topicPrefix;
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.admin = Admin.create(props);
    int nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
    this.replicationFactor = (short) Math.min(3, nodes);
  }

  /** Starts a fresh single-node KRaft broker on free ports under {@code dir}. */
  public static BenchKafka embedded(Path dir) throws Exception {
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults(dir).withPorts(0, 0)).start();
    try {
      return new BenchKafka(broker, broker.bootstrapServers(), "bench.");
    } catch (Exception e) {
      broker.close();
      throw e;
    }
  }

  /** Uses an existing cluster; topics are named {@code bench.<runId>.<name>} there. */
  public static BenchKafka external(String bootstrapServers, String runId) throws Exception {
    return new BenchKafka(null, bootstrapServers, "bench." + runId + ".");
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The embedded broker, when this run started its own. */
  public Optional<EmbeddedKafkaBroker> embeddedBroker() {
    return Optional.ofNullable(broker);
  }

  public Admin admin() {
    return admin;
  }

  /**
   * The naming of one run's private topics, {@code <prefix><tag>.<declared name>}: every topic,
   * consumer group and transactional id of a job wired with it is the run's own.
   */
  public TopicNaming naming(String tag) {
    return TopicNaming.prefixed(topicPrefix + tag + ".");
  }

  /**
   * Creates {@code topic}, a descriptor already resolved by a run's {@link #naming}, with its
   * partitions and configs (append-time timestamps), and returns it.
   */
  public <K, V> TopicDescriptor<K, V> createTopic(TopicDescriptor<K, V> topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    NewTopic newTopic =
        new NewTopic(topic.name(), topic.partitions(), replicationFactor)
            .configs(topic.topicConfigs());
    admin.createTopics(List.of(newTopic)).all().get(60, TimeUnit.SECONDS);
    awaitServed(topic.name(), topic.partitions());
    return topic;
  }

  /** A raw topic name with this run's prefix, for topics outside the descriptor catalogue. */
  public String topicName(String name) {
    return topicPrefix + name;
  }

  /** Creates a raw topic with append-time timestamps. */
  public String createRawTopic(String name, int partitions)
      throws ExecutionException, InterruptedException, TimeoutException {
    String full = topicName(name);
    admin
        .createTopics(
            List.of(
                new NewTopic(full, partitions, replicationFactor)
                    .configs(Map.of("message.timestamp.type", "LogAppendTime"))))
        .all()
        .get(60, TimeUnit.SECONDS);
    awaitServed(full, partitions);
    return full;
  }

  /**
   * Waits until the leader of every partition serves it. Topic creation returns once the controller
   * recorded the topic, before the broker loaded the partitions; a producer writing then gets
   * NOT_LEADER_OR_FOLLOWER for its first batch while a later batch is accepted, and an idempotent
   * producer then retries the first one on OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout.
   * Listing offsets needs the same loaded leader, and the admin client retries it until it is.
   */
  private void awaitServed(String topic, int partitions)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        // The broker's metadata cache learns of the topic a moment after creation returned, and
        // the admin client's leader lookup fails on an unknown topic instead of retrying it.
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > end) {
          throw e;
        }
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  /**
   * Producer settings every benchmark loader and {@code kafka-limit} share: idempotent, acks=all, 5
   * ms linger, 128 KiB batches, lz4.
   */
  public Properties producerProperties() {
    Properties props = new Properties();
    props.putAll(producerSettings());
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }

  /** The batching settings alone, also handed to Kafka's performance tools. */
  public static Map<String, String> producerSettings() {
    return Map.of(
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
        ProducerConfig.LINGER_MS_CONFIG, "5",
        ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024),
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
  }

  /** A byte-array consumer reading only committed data, without a group. */
  public Properties readCommittedConsumerProperties() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return props;
  }

  /** A read_committed reader of {@code topics} from the beginning; the caller closes it. */
  public TopicReader committedReader(Collection<String> topics) {
    return TopicReader.open(
        readCommittedConsumerProperties(), TopicReader.Isolation.READ_COMMITTED, topics);
  }

  /**
   * A read_uncommitted reader of {@code topics} from the beginning, aborted transactions included;
   * the caller closes it.
   */
  public TopicReader uncommittedReader(Collection<String> topics) {
    return TopicReader.open(
        readCommittedConsumerProperties(), TopicReader.Isolation.READ_UNCOMMITTED, topics);
  }

  @Override
  public void close() {
    admin.close();
    if (broker != null) {
      broker.close();
    }
  }
}
