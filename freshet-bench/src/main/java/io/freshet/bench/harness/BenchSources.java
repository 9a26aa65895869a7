package io.freshet.bench.harness;

import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;

/**
 * Kafka sources for benchmark jobs, read_committed like production: bounded ones read a pre-loaded
 * backlog and finish, so a job's end marks the end of the catch-up.
 */
public final class BenchSources {
  private BenchSources() {}

  /** Reads {@code topic} from the earliest offset up to the offsets at job start, then ends. */
  public static <T> KafkaSource<T> backlog(
      BenchKafka kafka, String topic, String groupId, KafkaRecordDeserializationSchema<T> schema) {
    return KafkaSource.<T>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setBounded(OffsetsInitializer.latest())
        .setDeserializer(schema)
        .setProperty("isolation.level", "read_committed")
        .setProperty("client.id.prefix", groupId)
        .build();
  }

  /** Reads {@code topic} from the latest offset on, without end, for paced latency runs. */
  public static <T> KafkaSource<T> live(
      BenchKafka kafka, String topic, String groupId, KafkaRecordDeserializationSchema<T> schema) {
    return KafkaSource.<T>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(schema)
        .setProperty("isolation.level", "read_committed")
        .setProperty("client.id.prefix", groupId)
        .build();
  }
}
