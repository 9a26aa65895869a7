package io.freshet.pipelines.kafka;

import io.freshet.pipelines.topic.DeadLetterTopics;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Builds Flink's Kafka sources and exactly-once sinks for one cluster, with the settings every
 * Freshet pipeline shares.
 *
 * @param bootstrapServers the cluster
 * @param start where sources start reading and whether they end
 * @param clientConfig client properties every producer, consumer and admin of this cluster gets
 *     (TLS, SASL: what {@code --kafka-config FILE} holds); the settings each client needs for its
 *     job are applied over them
 */
public record KafkaConnection(
    String bootstrapServers, SourceStart start, Map<String, String> clientConfig)
    implements Serializable {
  /** Longer than any checkpoint pause we expect, within the broker's 15 min maximum. */
  static final String TRANSACTION_TIMEOUT_MS = "600000";

  /** Below the consumer's request timeout (30 s), as it must be. */
  static final String IDLE_FETCH_WAIT_MS = "5000";

  private static final String THROUGHPUT_LINGER_MS = "5";
  private static final String LOW_LATENCY_LINGER_MS = "1";

  public KafkaConnection {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(start, "start");
    // A TreeMap copy: serialisable for Flink, and printed in a stable order.
    clientConfig = Collections.unmodifiableMap(new TreeMap<>(clientConfig));
  }

  /** Production sources: from committed offsets, without end; no extra client properties. */
  public KafkaConnection(String bootstrapServers) {
    this(bootstrapServers, SourceStart.COMMITTED, Map.of());
  }

  /** Sources starting as {@code start} says; no extra client properties. */
  public KafkaConnection(String bootstrapServers, SourceStart start) {
    this(bootstrapServers, start, Map.of());
  }

  /** The same cluster with sources starting as {@code newStart} says. */
  public KafkaConnection withStart(SourceStart newStart) {
    return new KafkaConnection(bootstrapServers, newStart, clientConfig);
  }

  /**
   * The base properties of a plain client of this cluster: the bootstrap servers and the client
   * config; the caller adds what its client needs.
   */
  public Properties clientProperties() {
    Properties props = new Properties();
    props.putAll(clientConfig);
    props.put("bootstrap.servers", bootstrapServers);
    return props;
  }

  /**
   * A source reading {@code topic}, only committed transactional data: in production from the
   * group's committed offsets (earliest when none); otherwise as {@link #start()} says.
   */
  public <T> KafkaSource<T> source(
      String topic, String groupId, KafkaRecordDeserializationSchema<T> deserializer) {
    KafkaSourceBuilder<T> builder =
        builder(topic, groupId, deserializer)
            .setStartingOffsets(
                start == SourceStart.COMMITTED
                    ? OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST)
                    : OffsetsInitializer.earliest())
            .setProperty("partition.discovery.interval.ms", "60000");
    return bounded(builder).build();
  }

  /**
   * A source reading a whole compacted reference topic from the start at every job start, so the
   * latest value per key is always known; bounded only for a bounded run, so that it can end.
   */
  public <T> KafkaSource<T> earliestSource(
      String topic, String groupId, KafkaRecordDeserializationSchema<T> deserializer) {
    return bounded(
            builder(topic, groupId, deserializer).setStartingOffsets(OffsetsInitializer.earliest()))
        .build();
  }

  private <T> KafkaSourceBuilder<T> builder(
      String topic, String groupId, KafkaRecordDeserializationSchema<T> deserializer) {
    return KafkaSource.<T>builder()
        .setProperties(clientProperties())
        .setBootstrapServers(bootstrapServers)
        .setTopics(topic)
        .setGroupId(groupId)
        .setDeserializer(deserializer)
        .setProperty("isolation.level", "read_committed")
        .setProperty("client.id.prefix", groupId)
        // How long the broker holds a fetch that found nothing: it answers as soon as data (or a
        // commit marker) arrives, so this adds no latency; it only sets how often an idle source
        // asks again (twice a second per source subtask at Kafka's 500 ms default).
        .setProperty("fetch.max.wait.ms", IDLE_FETCH_WAIT_MS);
  }

  private <T> KafkaSourceBuilder<T> bounded(KafkaSourceBuilder<T> builder) {
    return start == SourceStart.EARLIEST_BOUNDED
        ? builder.setBounded(OffsetsInitializer.latest())
        : builder;
  }

  /**
   * An exactly-once transactional sink; {@code transactionalIdPrefix} must be unique per sink and
   * stable across restarts so lingering transactions are aborted on recovery.
   */
  public <T> KafkaSink<T> exactlyOnceSink(
      SingleTopicSerializationSchema<T> serializer, String transactionalIdPrefix) {
    return exactlyOnceSink(serializer, transactionalIdPrefix, THROUGHPUT_LINGER_MS);
  }

  /**
   * An exactly-once sink for latency-bound results (fraud decisions): its producer waits 1 ms for a
   * batch to fill instead of 5; under load batches still fill while requests are in flight.
   */
  public <T> KafkaSink<T> lowLatencySink(
      SingleTopicSerializationSchema<T> serializer, String transactionalIdPrefix) {
    return exactlyOnceSink(serializer, transactionalIdPrefix, LOW_LATENCY_LINGER_MS);
  }

  private <T> KafkaSink<T> exactlyOnceSink(
      SingleTopicSerializationSchema<T> serializer, String transactionalIdPrefix, String linger) {
    Properties props = clientProperties();
    props.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
    props.setProperty("linger.ms", linger);
    props.setProperty("compression.type", "lz4");
    // Dead letters keep values of up to 10 MiB whole.
    props.setProperty(
        "max.request.size", Integer.toString(DeadLetterTopics.MAX_MESSAGE_BYTES + 1024 * 1024));
    return KafkaSink.<T>builder()
        .setBootstrapServers(bootstrapServers)
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        // The default (INCREMENTING) names a new transactional id per subtask and checkpoint,
        // which the broker keeps in memory and in __transaction_state for
        // transactional.id.expiration.ms (7 days): at freshet run's 1 s interval its 26 sink
        // subtasks added 26 ids a second, 2.2 million a day. POOLING reuses a few ids per subtask;
        // after a restart it finds those left open by listing open transactions on the topic.
        .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
        .setKafkaProducerConfig(props)
        .build();
  }
}
