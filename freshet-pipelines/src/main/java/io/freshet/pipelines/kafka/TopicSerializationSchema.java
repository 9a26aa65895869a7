package io.freshet.pipelines.kafka;

import io.freshet.pipelines.topic.TopicDescriptor;
import java.io.Serializable;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes an output record to its topic with the descriptor's codecs and an entity key. */
public final class TopicSerializationSchema<K, V> implements SingleTopicSerializationSchema<V> {
  private static final long serialVersionUID = 1L;

  /** Picks the Kafka key of an output value, so one entity's results stay in order. */
  @FunctionalInterface
  public interface KeyOf<K, V> extends Serializable {
    K of(V value);
  }

  private final TopicDescriptor<K, V> topic;
  private final KeyOf<K, V> keyOf;

  public TopicSerializationSchema(TopicDescriptor<K, V> topic, KeyOf<K, V> keyOf) {
    this.topic = topic;
    this.keyOf = keyOf;
  }

  @Override
  public String topic() {
    return topic.name();
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      V element, KafkaSinkContext context, Long timestamp) {
    // No timestamp: the broker stamps its append time (topics use LogAppendTime), which
    // latency measurements rely on and which never falls outside the broker's accepted range.
    return new ProducerRecord<>(
        topic.name(),
        null,
        null,
        topic.keyCodec().encode(keyOf.of(element)),
        topic.valueCodec().encode(element));
  }
}
