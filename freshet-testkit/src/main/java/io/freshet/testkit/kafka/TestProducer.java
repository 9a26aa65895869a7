package io.freshet.testkit.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The byte-array Kafka producer tests write their input with: idempotent, acks=all. */
public final class TestProducer {
  /** Large enough for the oversized-record tests (just over the pipelines' 1 MiB limit). */
  public static final int MAX_REQUEST_BYTES = 11 << 20;

  private TestProducer() {}

  /** A producer to {@code bootstrapServers}; the caller closes it. */
  public static KafkaProducer<byte[], byte[]> create(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_REQUEST_BYTES));
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A string as UTF-8 bytes, for keys and values. */
  public static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }
}
